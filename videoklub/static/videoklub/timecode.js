// Lesson time, written as videoklub/core/timecode.py writes it on the server: m:ss, and
// h:mm:ss from an hour on, seconds cut off as a player's clock does (2.6 s reads 0:02).
// One helper for every script that shows a moment or a length of a lesson video.
// `tenths` adds a tenth of a second (1:23.4) where a time is typed into a field.
(function () {
  "use strict";
  const pad = (n) => String(n).padStart(2, "0");
  window.videoklubTimecode = function (seconds, tenths) {
    // Whole milliseconds first, so 2.9999999 from the player reads 0:03, not 0:02.
    const tenthCount = Math.floor(Math.round(Math.max(0, Number(seconds) || 0) * 1000) / 100);
    const whole = Math.floor(tenthCount / 10);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const text = (hours ? hours + ":" + pad(minutes) : String(minutes)) + ":" + pad(whole % 60);
    return tenths ? text + "." + (tenthCount % 10) : text;
  };
})();
