// Progressive enhancement only: every page works without JavaScript.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.dataset.autosubmit !== undefined && el.form) {
    el.form.requestSubmit();
  }
});

// The main menu is a <details>: folded on phones, always open on wider screens.
const wide = window.matchMedia("(min-width: 48.01rem)");
const syncMenu = () => {
  for (const menu of document.querySelectorAll("details.menu")) menu.open = wide.matches;
};
syncMenu();
wide.addEventListener("change", syncMenu);

// A table that scrolls inside its own box can be reached and scrolled by keyboard.
const markScrollers = () => {
  for (const box of document.querySelectorAll("main table, .scroll-x")) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.dataset.scrollbox = "";
    } else if (!scrolls && box.dataset.scrollbox !== undefined) {
      box.removeAttribute("tabindex");
      delete box.dataset.scrollbox;
    }
  }
};
markScrollers();
window.addEventListener("resize", markScrollers);
document.addEventListener("htmx:afterSettle", markScrollers);
