// Upload page: a resumable tus upload with a progress bar, pause and resume (tus-js-client, vendored).
(function () {
  "use strict";
  var form = document.getElementById("media-upload");
  if (!form || !window.tus) { return; }
  var input = document.getElementById("media-file");
  var bar = document.getElementById("media-progress");
  var message = document.getElementById("media-message");
  var start = document.getElementById("media-start");
  var pause = document.getElementById("media-pause");
  var resume = document.getElementById("media-resume");
  var data = form.dataset;
  var upload = null;

  function say(text, isError) {
    message.textContent = text;
    message.className = isError ? "field-error" : "";
  }
  function size(bytes) {
    var units = ["o", "ko", "Mo", "Go"], i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i += 1; }
    return (i ? bytes.toFixed(1) : bytes) + " " + units[i];
  }
  function buttons(running) {
    start.hidden = running; pause.hidden = !running; resume.hidden = true;
    input.disabled = running;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = input.files[0];
    if (!file) { return; }
    if (file.size > Number(data.maxBytes)) { say(data.labelTooLarge, true); return; }
    upload = new tus.Upload(file, {
      endpoint: data.endpoint,
      chunkSize: 50 * 1024 * 1024,
      retryDelays: [0, 3000, 10000, 30000, 60000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type, owner: data.owner },
      headers: { "X-CSRFToken": data.csrf },
      onProgress: function (sent, total) {
        var percent = total ? Math.floor(sent / total * 100) : 0;
        bar.value = percent;
        say(data.labelSending.replace("{p}", percent).replace("{done}", size(sent)).replace("{total}", size(total)));
      },
      onShouldRetry: function (error) {
        var status = error.originalResponse ? error.originalResponse.getStatus() : 0;
        if (status === 0 || status >= 500 || status === 409 || status === 423) { say(data.labelOffline); return true; }
        return false;
      },
      onError: function (error) {
        buttons(false);
        var reason = String(error && error.message || error);
        var response = error && error.originalResponse;
        if (response) {
          try { reason = JSON.parse(response.getBody()).detail || reason; } catch (ignored) { /* not JSON */ }
        }
        say(data.labelError.replace("{reason}", reason), true);
      },
      onSuccess: function () {
        bar.value = 100;
        say(data.labelDone);
        window.setTimeout(function () { window.location.assign(data.ownerUrl); }, 800);
      }
    });
    bar.hidden = false;
    buttons(true);
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) { upload.resumeFromPreviousUpload(previous[0]); say(data.labelResumed); }
      upload.start();
    });
  });
  pause.addEventListener("click", function () {
    if (!upload) { return; }
    upload.abort();
    pause.hidden = true; resume.hidden = false;
    say(data.labelPaused);
  });
  resume.addEventListener("click", function () {
    if (!upload) { return; }
    buttons(true);
    upload.start();
  });
}());
