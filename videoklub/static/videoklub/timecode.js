// Lesson time, written as videoklub/core/timecode.py writes it on the server: m:ss, and
// h:mm:ss from an hour on, seconds cut off as a player's clock does (2.6 s reads 0:02).
// One helper for every script that shows a moment or a length of a lesson video.
// `tenths` adds a tenth of a second (1:23.4) where a time is typed into a field.
(function () {
  "use strict";
  const pad = (n) => String(n).padStart(2, "0");
  window.videoklubTimecode = function (seconds, tenths) {
    const t = Math.max(0, Number(seconds) || 0);
    const whole = Math.floor(t);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    let text = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(whole % 60);
    if (tenths) text += "." + (Math.floor(Math.round(t * 1000) / 100) % 10);
    return text;
  };
})();
