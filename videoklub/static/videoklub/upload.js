// Resumable upload of a lesson recording with tus-js-client (tus 1.0), progress, pause/resume.
// A reload or a dropped connection continues where it stopped: tus-js-client remembers the
// upload URL per file in localStorage and asks the server for the offset.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  if (!form || !window.tus) return;
  const $ = (id) => document.getElementById(id);
  const msg = (name) => form.dataset["msg" + name];
  const csrf = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  const status = $("upload-status");
  const progressBox = form.querySelector(".upload-progress");
  let upload = null;
  // idle → running ⇄ paused → done; back to idle only when the upload failed.
  let state = "idle";

  function say(text) { status.textContent = text; }
  function showProgress(sent, total) {
    const percent = total ? Math.floor((sent / total) * 100) : 0;
    progressBox.hidden = false;
    $("upload-progress").value = percent;
    $("upload-progress").textContent = percent + "%";
    $("upload-percent").textContent = percent + "%";
  }
  function buttons(next) {
    state = next;
    $("upload-start").hidden = state !== "idle";
    $("upload-pause").hidden = state !== "running";
    $("upload-resume").hidden = state !== "paused";
  }
  function serverMessage(error) {
    const response = error && error.originalResponse;
    const body = response && response.getBody && response.getBody();
    return body || msg("Failed");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    // Enter in a field submits the form too: while a file is going up (or paused, or done),
    // that must not send the same file a second time.
    if (state !== "idle") return;
    const file = $("upload-file").files[0];
    if (!file) { say(msg("NotVideo")); $("upload-file").focus(); return; }
    if (file.size > Number(form.dataset.maxBytes)) { say(msg("TooLarge")); return; }
    const metadata = { filename: file.name, filetype: file.type || "", title: $("upload-title").value };
    const klub = $("upload-klub");
    if (klub) metadata.klub = klub.value;
    const cycle = $("upload-cycle");
    if (cycle) metadata.cycle = cycle.value;
    const classGroup = $("upload-class-group");
    if (classGroup && classGroup.value) metadata.class_group = classGroup.value;
    upload = new tus.Upload(file, {
      endpoint: form.dataset.endpoint,
      chunkSize: 16 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000],
      metadata: metadata,
      headers: { "X-CSRFToken": csrf ? decodeURIComponent(csrf[1]) : "" },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: function (sent, total) { showProgress(sent, total); say(msg("Uploading")); },
      onShouldRetry: function (error, retryAttempt, options) {
        const code = error.originalResponse ? error.originalResponse.getStatus() : 0;
        // Refusals (not a video, too large, not allowed, storage full, too many uploads) will
        // not change by trying again at once: the server's message says what to do.
        if ([400, 401, 403, 404, 410, 413, 415, 429].includes(code)) return false;
        say(msg("Retrying"));
        return true;
      },
      onError: function (error) { say(serverMessage(error)); buttons("idle"); },
      onSuccess: function (payload) {
        say(msg("Done"));
        buttons("done");
        const response = payload && payload.lastResponse;
        const next = response && response.getHeader("Recording-Location");
        window.location.assign(next || window.location.href);
      },
    });
    buttons("running");  // at once: looking for an earlier upload takes a moment
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
        say(msg("Resumed"));
      }
      upload.start();
    });
  });
  $("upload-pause").addEventListener("click", function () {
    if (!upload) return;
    upload.abort();
    buttons("paused");
    say(msg("Paused"));
  });
  $("upload-resume").addEventListener("click", function () {
    if (!upload) return;
    buttons("running");
    upload.start();
  });
})();
