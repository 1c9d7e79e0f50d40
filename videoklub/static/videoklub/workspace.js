// The analysis workspace: a timeline of fragments and annotations, a list that follows the
// playhead, and keyboard-first control of the video.
//
// Times on the page are in the recording's own time. A shared fragment plays from a file of its
// own that starts at 0, so `data-offset` (the fragment's start) maps between the two.
(function () {
  "use strict";
  const box = document.querySelector("[data-workspace]");
  const video = document.getElementById("player");
  if (!box || !video) return;

  const offset = Number(box.dataset.offset || 0);
  const spanStart = Number(box.dataset.spanStart || 0);
  const spanEnd = () => Number(box.dataset.spanEnd) || offset + (video.duration || 0);
  const rangeEnd = box.dataset.fragmentEnd ? Number(box.dataset.fragmentEnd) : null;
  const fps = Number(box.dataset.fps) || 25;
  const timeLabel = document.getElementById("player-time");
  const timeline = box.querySelector(".timeline");
  const playhead = box.querySelector(".timeline-playhead");
  let current = null;

  const now = () => video.currentTime + offset;
  const clamp = (t) => Math.min(Math.max(t, spanStart), spanEnd());
  const seek = (t) => { video.currentTime = Math.max(0, clamp(t) - offset); };
  const format = window.videoklubTimecode;  // timecode.js: lesson time, as the server writes it
  const percent = (t) => {
    const length = spanEnd() - spanStart;
    return length > 0 ? Math.min(100, Math.max(0, ((t - spanStart) / length) * 100)) : 0;
  };

  // --- Timeline: fragments as ranges, annotations as ticks ---------------------------------
  function draw() {
    if (!timeline) return;
    timeline.querySelectorAll(".marker").forEach((marker) => marker.remove());
    document.querySelectorAll(".fragment-item[data-start]").forEach((item) => {
      const start = Number(item.dataset.start);
      const end = Number(item.dataset.end);
      const range = document.createElement("span");
      range.className = "marker marker-fragment";
      range.style.left = percent(start) + "%";
      range.style.width = Math.max(0.5, percent(end) - percent(start)) + "%";
      range.dataset.seek = start;
      timeline.appendChild(range);
    });
    document.querySelectorAll(".thread[data-at]").forEach((thread) => {
      const tick = document.createElement("span");
      tick.className = "marker marker-annotation kind-" + thread.dataset.kind;
      tick.style.left = percent(Number(thread.dataset.at)) + "%";
      tick.dataset.seek = thread.dataset.at;
      tick.title = format(Number(thread.dataset.at));
      timeline.appendChild(tick);
    });
  }

  // --- The list follows the playhead --------------------------------------------------------
  function follow() {
    const t = now() + 0.25;
    let latest = null;
    document.querySelectorAll(".thread[data-at]").forEach((thread) => {
      if (Number(thread.dataset.at) <= t) latest = thread;
    });
    if (latest === current && latest && latest.classList.contains("is-current")) return;
    document.querySelectorAll(".thread.is-current").forEach((thread) => {
      thread.classList.remove("is-current");
      thread.removeAttribute("aria-current");
    });
    current = latest;
    if (!current) return;
    current.classList.add("is-current");
    current.setAttribute("aria-current", "true");
    const list = document.getElementById("annotation-list");
    if (list && !list.contains(document.activeElement)) {
      list.scrollTop = current.offsetTop - list.offsetTop - 8;
    }
  }

  video.addEventListener("timeupdate", function () {
    if (timeLabel) timeLabel.textContent = format(now());
    if (playhead) playhead.style.left = percent(now()) + "%";
    if (rangeEnd !== null && now() >= rangeEnd) { video.pause(); seek(rangeEnd); }
    follow();
  });
  video.addEventListener("loadedmetadata", draw);

  document.addEventListener("click", function (event) {
    const target = event.target.closest("[data-seek]");
    if (!target) return;
    seek(Number(target.dataset.seek));
    video.play();
  });

  // --- Live updates: redraw after htmx swapped the list; never swap away a reply being typed --
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const list = document.getElementById("annotation-list");
    const typing = document.activeElement;
    if (
      list && event.detail.target === list && event.detail.requestConfig.verb === "get" &&
      typing && list.contains(typing) && typing.value
    ) {
      event.detail.shouldSwap = false;
    }
  });
  document.body.addEventListener("htmx:afterSettle", function () { current = null; draw(); follow(); });

  // --- Keyboard ----------------------------------------------------------------------------
  function annotateHere() {
    video.pause();
    const at = document.getElementById("id_at");
    const body = document.getElementById("id_body");
    if (at) at.value = format(now(), true);
    if (body) body.focus();
  }

  function toggleHelp() {
    const help = document.getElementById("shortcuts");
    if (help) help.open = !help.open;
  }

  document.addEventListener("keydown", function (event) {
    const field = event.target.closest("input, textarea, select, [contenteditable]");
    if (field) {
      if (event.key === "Escape") { field.blur(); video.focus(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onButton = event.target.closest("button, a, summary, video");
    switch (event.key) {
      case " ":
        if (onButton) return; // Space presses a focused button
      // falls through
      case "k": case "K":
        if (video.paused) video.play(); else video.pause();
        break;
      case "j": case "J": case "ArrowLeft":
        seek(now() - 5);
        break;
      case "l": case "L": case "ArrowRight":
        seek(now() + 5);
        break;
      case ",":
        video.pause(); seek(now() - 1 / fps);
        break;
      case ".":
        video.pause(); seek(now() + 1 / fps);
        break;
      case "n": case "N":
        annotateHere();
        break;
      case "?":
        toggleHelp();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  draw();
})();
