/* Terreau's small page behaviours; every page works without them. */
document.addEventListener("DOMContentLoaded", () => {
  // On a phone the filter groups would push the results a screen down: fold the groups nobody is using.
  if (window.matchMedia("(max-width: 900px)").matches) {
    document.querySelectorAll(".filters details[open]").forEach((group) => {
      if (!group.querySelector("input:checked")) group.removeAttribute("open");
    });
  }
});
