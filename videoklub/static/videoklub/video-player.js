// The kennisbank's player (a video page, a course's video step): chapter and commentary
// buttons seek, the clock runs, and in a course step the video pauses at each observation task
// ("Pauze: kijkvraag"), shows and focuses it, and "Verder kijken" plays on. Without JavaScript
// the page still works: the tasks are an ordinary form below the video.
(function () {
  "use strict";
  const video = document.getElementById("kb-video");
  if (!video) return;
  const clock = document.getElementById("kb-video-time");
  const format = window.videoklubTimecode || ((s) => String(Math.floor(s)));
  video.addEventListener("timeupdate", () => {
    if (clock) clock.textContent = format(video.currentTime);
  });

  // "#t=16" (a link from "see how an expert does this"): start at that moment.
  const start = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
  if (start) {
    const seekToStart = () => { video.currentTime = Number(start[1]); };
    if (video.readyState >= 1) seekToStart();
    else video.addEventListener("loadedmetadata", seekToStart, { once: true });
  }

  document.addEventListener("click", (event) => {
    const seek = event.target.closest("[data-seek]");
    if (!seek) return;
    video.currentTime = Number(seek.dataset.seek);
    video.focus();
  });

  const tasks = Array.from(document.querySelectorAll("[data-task-at]"))
    .map((element) => ({ element, at: Number(element.dataset.taskAt) }))
    .sort((a, b) => a.at - b.at);
  if (!tasks.length) return;
  const banner = document.getElementById("video-task-pause");
  const resume = document.getElementById("video-task-resume");
  let last = video.currentTime;
  let active = null;

  function pauseAt(task) {
    video.pause();
    active = task;
    tasks.forEach((t) => t.element.classList.toggle("is-active", t === task));
    if (banner) {
      banner.hidden = false;
      banner.textContent = banner.dataset.label + " " + format(task.at);
    }
    if (resume) resume.hidden = false;
    const field = task.element.querySelector("textarea");
    if (field) field.focus();
  }

  // A task is asked when playing crosses its moment; seeking past it does not stop the video.
  video.addEventListener("timeupdate", () => {
    const now = video.currentTime;
    if (!video.seeking && !video.paused && now >= last && now - last < 1.5) {
      const crossed = tasks.find((t) => t !== active && last < t.at && now >= t.at);
      if (crossed) {
        last = now;
        pauseAt(crossed);
        return;
      }
    }
    last = now;
  });
  video.addEventListener("seeked", () => { last = video.currentTime; });

  if (resume) {
    resume.addEventListener("click", () => {
      if (banner) banner.hidden = true;
      resume.hidden = true;
      if (active) active.element.classList.remove("is-active");
      video.play();
    });
  }
})();
