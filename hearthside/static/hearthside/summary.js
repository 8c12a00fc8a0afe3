// The printable summary's "Print" button: shown only when scripts run (without them, the
// browser's own Print menu does the same thing).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
