// Resource page: HLS playback (hls.js, vendored) with MP4 fallback, captions menu, keyboard controls,
// remembered position for signed-in users, and live progress of transcoding jobs.
(function () {
  "use strict";

  function setupPlayer(box) {
    var media = box.querySelector("video, audio");
    if (!media) { return; }
    var hlsUrl = box.dataset.hls;
    if (hlsUrl && window.Hls && window.Hls.isSupported()) {
      var hls = new window.Hls({ enableWorker: false, capLevelToPlayerSize: true });
      hls.loadSource(hlsUrl);
      hls.attachMedia(media);
      hls.on(window.Hls.Events.ERROR, function (event, data) {
        if (data.fatal) { hls.destroy(); media.load(); }  // back to the MP4 <source>
      });
    } else if (hlsUrl && media.canPlayType("application/vnd.apple.mpegurl")) {
      media.src = hlsUrl;  // Safari plays HLS natively
    }
    setupCaptions(box, media);
    setupKeys(box, media);
    setupPosition(box, media);
  }

  function setupCaptions(box, media) {
    var menu = box.querySelector(".media-captions-menu");
    if (!menu) { return; }
    var tracks = media.textTracks;
    var none = document.createElement("option");
    none.value = ""; none.textContent = box.dataset.labelNoCaptions;
    menu.appendChild(none);
    for (var i = 0; i < tracks.length; i += 1) {
      var option = document.createElement("option");
      option.value = String(i); option.textContent = tracks[i].label || tracks[i].language;
      menu.appendChild(option);
    }
    menu.addEventListener("change", function () {
      for (var j = 0; j < tracks.length; j += 1) {
        tracks[j].mode = String(j) === menu.value ? "showing" : "disabled";
      }
    });
    box.toggleCaptions = function () {
      menu.value = menu.value === "" && tracks.length ? "0" : "";
      menu.dispatchEvent(new Event("change"));
    };
  }

  function setupKeys(box, media) {
    box.addEventListener("keydown", function (event) {
      if (event.target.tagName === "SELECT" || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var handled = true;
      switch (event.key) {
        case " ": case "k": case "K": if (media.paused) { media.play(); } else { media.pause(); } break;
        case "ArrowLeft": media.currentTime = Math.max(0, media.currentTime - 5); break;
        case "ArrowRight": media.currentTime = Math.min(media.duration || Infinity, media.currentTime + 5); break;
        case "j": case "J": media.currentTime = Math.max(0, media.currentTime - 10); break;
        case "l": case "L": media.currentTime = Math.min(media.duration || Infinity, media.currentTime + 10); break;
        case "ArrowUp": media.volume = Math.min(1, media.volume + 0.1); break;
        case "ArrowDown": media.volume = Math.max(0, media.volume - 0.1); break;
        case "m": case "M": media.muted = !media.muted; break;
        case "c": case "C": if (box.toggleCaptions) { box.toggleCaptions(); } break;
        case "f": case "F":
          if (document.fullscreenElement) { document.exitFullscreen(); } else if (media.requestFullscreen) { media.requestFullscreen(); }
          break;
        default: handled = false;
      }
      if (handled) { event.preventDefault(); }
    });
  }

  function setupPosition(box, media) {
    var url = box.dataset.positionUrl;
    if (!url) { return; }
    var lastSaved = 0;
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || !data.position) { return; }
      var seek = function () { media.currentTime = data.position; };
      if (media.readyState >= 1) { seek(); } else { media.addEventListener("loadedmetadata", seek, { once: true }); }
    });
    function save() {
      lastSaved = Date.now();
      fetch(url, { method: "PUT", credentials: "same-origin",
                   headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
                   body: JSON.stringify({ position: media.currentTime }) });
    }
    media.addEventListener("timeupdate", function () { if (Date.now() - lastSaved > 10000) { save(); } });
    media.addEventListener("pause", save);
    media.addEventListener("ended", save);
  }

  function watchJob(placeholder) {
    var bar = placeholder.querySelector("progress");
    var text = placeholder.querySelector(".media-status-text");
    function poll() {
      fetch(placeholder.dataset.mediaStatus, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (asset) {
          if (!asset) { return; }
          if (asset.state === "ready" || asset.state === "failed") { window.location.reload(); return; }
          if (asset.state === "running") {
            bar.value = asset.progress;
            text.textContent = placeholder.dataset.labelRunning.replace("{p}", asset.progress);
          }
          window.setTimeout(poll, 2000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1500);
  }

  document.querySelectorAll(".media-player").forEach(setupPlayer);
  document.querySelectorAll("[data-media-status]").forEach(watchJob);
}());
