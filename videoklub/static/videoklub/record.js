// Record a lesson with the camera and upload it while recording (tus creation-defer-length):
// every few seconds MediaRecorder hands over a piece, which is PATCHed at the confirmed offset.
// Only pieces not yet confirmed by the server are kept in memory.
(function () {
  "use strict";
  const box = document.getElementById("recorder");
  if (!box) return;
  const $ = (id) => document.getElementById(id);
  const msg = (name) => box.dataset["msg" + name];
  const csrfMatch = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  const csrf = csrfMatch ? decodeURIComponent(csrfMatch[1]) : "";
  const say = (text) => { $("record-status").textContent = text; };
  const b64 = (text) => btoa(unescape(encodeURIComponent(text)));

  let stream = null, recorder = null, uploadUrl = null, recordingUrl = null;
  let offset = 0, queue = [], sending = false, stopped = false, startedAt = 0, timer = null;

  function mimeType() {
    const types = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];
    return types.find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type)) || "";
  }

  async function request(method, url, headers, body) {
    const response = await fetch(url, {
      method: method,
      headers: Object.assign({ "Tus-Resumable": "1.0.0", "X-CSRFToken": csrf }, headers),
      body: body,
      credentials: "same-origin",
    });
    if (response.headers.get("Recording-Location")) recordingUrl = response.headers.get("Recording-Location");
    return response;
  }

  async function createUpload(type) {
    const ext = type.indexOf("mp4") >= 0 ? "mp4" : "webm";
    const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
    const meta = { filename: "opname " + stamp + "." + ext, filetype: type.split(";")[0], title: $("record-title").value };
    if (box.dataset.klub) meta.klub = box.dataset.klub;
    if (box.dataset.cycle) meta.cycle = box.dataset.cycle;
    const classGroup = $("record-class-group");
    if (classGroup && classGroup.value) meta.class_group = classGroup.value;
    const encoded = Object.entries(meta).map(([k, v]) => k + " " + b64(v)).join(",");
    const response = await request("POST", box.dataset.endpoint, { "Upload-Defer-Length": "1", "Upload-Metadata": encoded });
    if (response.status !== 201) throw new Error(await response.text());
    uploadUrl = response.headers.get("Location");
  }

  // Send queued pieces in order; after a failure ask the server where it stands and go on.
  async function pump() {
    if (sending) return;
    sending = true;
    let delay = 1000;
    try {
      while (queue.length || stopped) {
        const last = stopped && queue.length <= 1;
        const piece = queue.length ? queue[0] : new Blob([]);
        const headers = { "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(offset) };
        if (last) headers["Upload-Length"] = String(offset + piece.size);
        let response;
        try {
          response = await request("PATCH", uploadUrl, headers, piece);
        } catch (networkError) {
          response = null;
        }
        if (response && response.status === 204) {
          const confirmed = Number(response.headers.get("Upload-Offset"));
          const used = confirmed - offset;
          offset = confirmed;
          if (used >= piece.size) queue.shift(); else queue[0] = piece.slice(used);
          $("record-sent").textContent = (offset / 1048576).toFixed(1) + " MB";
          delay = 1000;
          if (last && used >= piece.size) { finished(); return; }
          continue;
        }
        if (response && [400, 401, 403, 404, 410, 413, 415].includes(response.status)) {
          say(msg("Failed") + " " + (await response.text()));
          return;
        }
        say(msg("Retrying"));
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30000);
        const head = await request("HEAD", uploadUrl, {}).catch(() => null);
        if (head && head.ok) {
          const confirmed = Number(head.headers.get("Upload-Offset"));
          if (confirmed > offset && queue.length) {
            queue[0] = queue[0].slice(confirmed - offset);
            offset = confirmed;
          }
        }
      }
    } finally {
      sending = false;
    }
  }

  function finished() {
    say(msg("Finishing"));
    window.location.assign(recordingUrl || box.dataset.endpoint.replace(/tus\/$/, ""));
  }

  function tick() {
    const seconds = Math.floor((Date.now() - startedAt) / 1000);
    $("record-elapsed").textContent = window.videoklubTimecode(seconds);
  }

  $("record-start").addEventListener("click", async function () {
    const type = mimeType();
    if (!navigator.mediaDevices || !window.MediaRecorder || !type) { say(msg("Unsupported")); return; }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
    } catch (error) {
      say(error && (error.name === "NotFoundError" || error.name === "OverconstrainedError") ? msg("NoCamera") : msg("Denied"));
      return;
    }
    $("preview").srcObject = stream;
    try {
      await createUpload(type);
    } catch (error) {
      say(msg("Failed") + " " + error.message);
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2500000 });
    recorder.ondataavailable = function (event) {
      if (event.data && event.data.size) { queue.push(event.data); pump(); }
    };
    recorder.onstop = function () {
      stopped = true;
      stream.getTracks().forEach((track) => track.stop());
      say(msg("Finishing"));
      pump();
    };
    recorder.start(2000);
    startedAt = Date.now();
    timer = setInterval(tick, 500);
    $("record-start").disabled = true;
    $("record-stop").disabled = false;
    say(msg("Recording"));
  });

  $("record-stop").addEventListener("click", function () {
    if (!recorder || recorder.state === "inactive") return;
    clearInterval(timer);
    $("record-stop").disabled = true;
    recorder.stop();
  });
})();
