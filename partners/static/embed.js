// Embeds: tell the embedding page (iframe-resizer) about every change of the content's height, including those
// no DOM mutation announces: web fonts swapping in, a video learning its size, a <details> opening.
(function () {
  "use strict";
  function resize() {
    if (window.parentIFrame) { window.parentIFrame.size(); }
  }
  if (window.ResizeObserver) { new window.ResizeObserver(resize).observe(document.body); }
  document.addEventListener("loadedmetadata", resize, true);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(resize); }
})();
