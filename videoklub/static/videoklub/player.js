// The recording page: keyboard marks for fragments, a thumbnail strip for scrubbing, and
// playing a fragment's range only.
(function () {
  "use strict";
  const video = document.getElementById("player");
  const time = document.getElementById("player-time");
  const format = window.videoklubTimecode;  // timecode.js: lesson time, as the server writes it

  if (video && time) {
    video.addEventListener("timeupdate", () => { time.textContent = format(video.currentTime); });
  }

  function mark(which) {
    const field = document.getElementById("id_" + which);
    if (video && field) field.value = video.currentTime.toFixed(1);
  }

  // Seeking from lists is workspace.js's job (it knows the time offset of a fragment file).
  document.addEventListener("click", function (event) {
    const marker = event.target.closest("[data-mark]");
    if (marker) mark(marker.dataset.mark);
  });

  document.addEventListener("keydown", function (event) {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !video) return;
    if (event.key === "i" || event.key === "I") { mark("start"); event.preventDefault(); }
    if (event.key === "o" || event.key === "O") { mark("end"); event.preventDefault(); }
  });


  const player = document.querySelector("[data-player]");
  const strip = document.querySelector(".thumbnail-strip");
  if (player && strip && video && Number(player.dataset.thumbnailCount)) {
    const count = Number(player.dataset.thumbnailCount);
    const interval = Number(player.dataset.thumbnailInterval);
    const columns = Math.min(count, 10);
    const rows = Math.ceil(count / 10);
    for (let i = 0; i < count; i++) {
      const tile = document.createElement("button");
      tile.type = "button";
      tile.tabIndex = -1;
      tile.className = "thumbnail";
      tile.style.backgroundImage = "url(" + player.dataset.thumbnails + ")";
      tile.style.backgroundSize = columns * 100 + "% " + rows * 100 + "%";
      tile.style.backgroundPosition =
        (columns > 1 ? ((i % 10) / (columns - 1)) * 100 : 0) + "% " +
        (rows > 1 ? (Math.floor(i / 10) / (rows - 1)) * 100 : 0) + "%";
      tile.addEventListener("click", () => { video.currentTime = i * interval; });
      strip.appendChild(tile);
    }
  }

  // A fragment page plays only its range (the #t= media fragment starts it; stop at the end).
  if (player && video && player.dataset.fragmentEnd) {
    const start = Number(player.dataset.fragmentStart);
    const end = Number(player.dataset.fragmentEnd);
    video.addEventListener("timeupdate", function () {
      if (video.currentTime >= end) { video.pause(); video.currentTime = end; }
    });
    video.addEventListener("play", function () {
      if (video.currentTime >= end - 0.05 || video.currentTime < start - 0.5) video.currentTime = start;
    });
  }
})();
