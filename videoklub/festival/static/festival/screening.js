/* The Filmfestival's screening mode: the fragments in order, with the curators' introductions as
   captions. Used on the screening page and, inlined, in the offline package's index.html.
   Keys: space plays or pauses, arrow right/left go to the next/previous fragment, F toggles
   full screen. */
(function () {
  "use strict";
  function start() {
    var root = document.getElementById("screening");
    var data = document.getElementById("screening-items");
    if (!root || !data) return;
    var items = JSON.parse(data.textContent || "[]");
    var video = root.querySelector("video");
    var blockTitle = root.querySelector("[data-block]");
    var title = root.querySelector("[data-title]");
    var caption = root.querySelector("[data-caption]");
    var position = root.querySelector("[data-position]");
    var prev = root.querySelector("[data-prev]");
    var next = root.querySelector("[data-next]");
    var full = root.querySelector("[data-fullscreen]");
    var current = 0;

    function show(index, autoplay) {
      if (!items.length) return;
      current = Math.max(0, Math.min(items.length - 1, index));
      var item = items[current];
      blockTitle.textContent = item.block;
      title.textContent = item.title + (item.school ? " · " + item.school : "");
      caption.textContent = item.introduction || item.block_introduction || "";
      position.textContent = (current + 1) + " / " + items.length;
      prev.disabled = current === 0;
      next.disabled = current === items.length - 1;
      video.src = item.video;
      video.load();
      if (autoplay) {
        var playing = video.play();
        if (playing && playing.catch) playing.catch(function () {});
      }
    }

    function toggle() {
      if (video.paused) {
        var playing = video.play();
        if (playing && playing.catch) playing.catch(function () {});
      } else {
        video.pause();
      }
    }

    prev.addEventListener("click", function () { show(current - 1, true); });
    next.addEventListener("click", function () { show(current + 1, true); });
    video.addEventListener("ended", function () {
      if (current < items.length - 1) show(current + 1, true);
    });
    if (full) {
      full.addEventListener("click", function () {
        if (document.fullscreenElement) document.exitFullscreen();
        else if (root.requestFullscreen) root.requestFullscreen();
      });
    }
    document.addEventListener("keydown", function (event) {
      var tag = (event.target && event.target.tagName) || "";
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
      if (event.key === " " || event.key === "Spacebar") {
        if (tag === "BUTTON") return; /* the button's own click */
        event.preventDefault();
        toggle();
      } else if (event.key === "ArrowRight") {
        event.preventDefault();
        show(current + 1, true);
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(current - 1, true);
      } else if ((event.key === "f" || event.key === "F") && full) {
        full.click();
      }
    });
    show(0, false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
