/* Progress of a video step: the segments actually played are sent in batches to POST /api/v1/progress.
   Each event gets an id generated here; unsent events are kept and sent again, the server counts them once. */
(function () {
  "use strict";
  var page = document.getElementById("step-page");
  if (!page || page.dataset.archived) { return; }
  var queue = [];
  var sending = false;

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "c-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function flush() {
    if (sending || !queue.length) { return; }
    sending = true;
    var batch = queue.slice(0, 100);
    fetch(page.dataset.endpoint, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: {"Content-Type": "application/json", "X-CSRFToken": page.dataset.csrf},
      body: JSON.stringify({events: batch})
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      queue = queue.slice(batch.length);
      return response.json();
    }).then(function (result) {
      if (result.completed_steps && result.completed_steps.length) {
        var status = document.getElementById("video-status");
        if (status) { status.textContent = "✓ Étape terminée"; }
      }
    }).catch(function () { /* kept in the queue, sent again on the next flush */ })
      .finally(function () { sending = false; });
  }

  document.querySelectorAll("video.tracked-video").forEach(function (video) {
    // `last` is the last position reached by playing: when a seek starts, currentTime already holds the target
    // (media's player also seeks to the remembered position), so a segment ends where playing stopped.
    var start = null, last = null;
    function duration() { return parseFloat(video.dataset.duration) || video.duration || null; }
    function close(at) {
      if (start === null) { return; }
      var end = at === undefined ? video.currentTime : at;
      if (end > start) {
        var event = {client_id: newId(), session_id: +page.dataset.session, step_id: +page.dataset.step,
                     kind: "video", segments: [[start, end]]};
        if (duration() && isFinite(duration())) { event.duration = duration(); }
        queue.push(event);
      }
      start = null;
    }
    video.addEventListener("playing", function () { start = last = video.currentTime; });
    video.addEventListener("timeupdate", function () { if (start !== null && !video.seeking) { last = video.currentTime; } });
    video.addEventListener("pause", function () { close(video.seeking ? last : undefined); flush(); });
    video.addEventListener("seeking", function () { close(last); });
    video.addEventListener("seeked", function () { if (!video.paused) { start = last = video.currentTime; } });
    video.addEventListener("emptied", function () { close(last); });  // the player fell back to the MP4 source
    video.addEventListener("ended", function () { close(); flush(); });
    setInterval(function () {
      if (!video.paused && !video.seeking) { close(); start = last = video.currentTime; flush(); }
    }, 15000);
  });
  window.addEventListener("pagehide", flush);
})();
