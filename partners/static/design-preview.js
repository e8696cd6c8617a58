/* Live preview of a partner design: colour pickers and text fields stay in sync, the preview's CSS variables
   follow them, and each colour pair's WCAG contrast ratio is recomputed as people type. */
(function () {
  "use strict";
  var form = document.querySelector("[data-design-form]");
  var preview = document.querySelector("[data-design-preview]");
  if (!form || !preview) { return; }
  var HEX = /^#[0-9a-fA-F]{6}$/;
  var names = { primary_colour: "--partner-primary", accent_colour: "--partner-accent",
    background_colour: "--partner-background", text_colour: "--partner-text", on_primary_colour: "--partner-on-primary" };

  function channel(v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  function luminance(hex) {
    return 0.2126 * channel(parseInt(hex.substr(1, 2), 16)) + 0.7152 * channel(parseInt(hex.substr(3, 2), 16)) +
      0.0722 * channel(parseInt(hex.substr(5, 2), 16));
  }
  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function value(name) {
    var input = form.querySelector("input[type=text][name=" + name + "]");
    return input && HEX.test(input.value.trim()) ? input.value.trim() : null;
  }
  function update() {
    Object.keys(names).forEach(function (name) {
      var colour = value(name);
      if (colour) { preview.style.setProperty(names[name], colour); }
    });
    var font = form.querySelector("select[name=typeface] option:checked");
    if (font && font.dataset.stack) { preview.style.setProperty("--partner-font", font.dataset.stack); }
    var name = form.querySelector("[name=name]");
    var shownName = preview.querySelector("[data-preview-name]");
    if (name && shownName && name.value.trim()) { shownName.textContent = name.value; }
    var tagline = form.querySelector("[name=tagline]");
    var shown = preview.querySelector("[data-preview-tagline]");
    if (tagline && shown) { shown.textContent = tagline.value; }
    document.querySelectorAll("[data-pair]").forEach(function (row) {
      var fg = value(row.dataset.fg), bg = value(row.dataset.bg);
      if (!fg || !bg) { return; }
      var r = ratio(fg, bg), ok = r >= parseFloat(row.dataset.min);
      row.classList.toggle("fail", !ok);
      row.querySelector("[data-ratio]").textContent = r.toFixed(2).replace(".", row.dataset.decimal || ".") + ":1 " + (ok ? "✓" : "✗");
    });
  }
  form.querySelectorAll("input[type=color]").forEach(function (picker) {
    var text = form.querySelector("input[type=text][name=" + picker.dataset.for + "]");
    picker.addEventListener("input", function () { text.value = picker.value; update(); });
    text.addEventListener("input", function () { if (HEX.test(text.value.trim())) { picker.value = text.value.trim(); } update(); });
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}());
