// The aid check. Progressive enhancement only: every page works without JavaScript.
// After "Visa bedömningen" (the server marks the result with data-focus-on-load), focus and
// scroll move to the verdict's heading, so keyboard and screen-reader users land on it and hear it.
(() => {
  const focusVerdict = () => {
    const region = document.querySelector("[data-focus-on-load]");
    const heading = region && region.querySelector("#aid-result-h");
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView({ block: "start" });
  };
  const enablePrint = () => {
    for (const button of document.querySelectorAll("button[data-print]")) {
      button.hidden = false;
      button.addEventListener("click", () => window.print());
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    focusVerdict();
    enablePrint();
  });
})();
