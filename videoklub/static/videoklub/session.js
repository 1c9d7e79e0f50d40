// Session mode: seek the fragment video from an annotation, a countdown timer per agenda
// item, and a full-screen button. Everything else on the page works without this script.
(function () {
  "use strict";

  // A countdown shows the seconds still to go in full (0:01 until it is over), in the
  // lesson-time format of timecode.js.
  function format(seconds) {
    return window.videoklubTimecode(Math.ceil(seconds));
  }

  // Annotations are replaced by htmx polling, so listen on the document.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-seek]");
    if (!button) return;
    var video = document.getElementById("session-video");
    if (!video) return;
    video.currentTime = parseFloat(button.getAttribute("data-seek")) || 0;
    video.focus();
  });

  function setUpTimer(root) {
    var total = parseInt(root.getAttribute("data-seconds"), 10) || 0;
    var display = root.querySelector("[data-timer-display]");
    var status = root.querySelector("[data-timer-status]");
    var buttons = root.querySelector("[data-timer-buttons]");
    var remaining = total;
    var interval = null;
    var deadline = 0;
    var warned = false;

    function render() {
      display.textContent = format(remaining);
      root.classList.toggle("timer-over", remaining <= 0);
    }
    function announce(text) {
      status.textContent = text;
    }
    function tick() {
      remaining = (deadline - Date.now()) / 1000;
      if (!warned && remaining <= 60 && total > 60) {
        warned = true;
        announce(root.getAttribute("data-label-minute"));
      }
      if (remaining <= 0) {
        remaining = 0;
        stop();
        announce(root.getAttribute("data-label-up"));
      }
      render();
    }
    function start() {
      if (interval || remaining <= 0) return;
      deadline = Date.now() + remaining * 1000;
      interval = window.setInterval(tick, 250);
    }
    function stop() {
      if (interval) window.clearInterval(interval);
      interval = null;
    }
    function reset() {
      stop();
      remaining = total;
      warned = false;
      announce("");
      render();
    }
    root.querySelector("[data-timer-start]").addEventListener("click", start);
    root.querySelector("[data-timer-pause]").addEventListener("click", stop);
    root.querySelector("[data-timer-reset]").addEventListener("click", reset);
    buttons.hidden = false;
    display.removeAttribute("aria-hidden");
    display.setAttribute("aria-live", "off");
    render();
  }

  function setUpFullscreen() {
    var button = document.querySelector("[data-fullscreen]");
    var target = document.getElementById("session");
    if (!button || !target || !document.fullscreenEnabled) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        target.requestFullscreen();
      }
    });
  }

  function init() {
    document.querySelectorAll("[data-timer]").forEach(setUpTimer);
    setUpFullscreen();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
