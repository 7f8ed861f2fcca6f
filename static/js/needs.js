// The level helper's "Use <level>" button selects the suggested level in the need form.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-use-level]");
  if (!button) return;
  const radio = document.querySelector(`input[name="level"][value="${button.dataset.useLevel}"]`);
  if (radio) {
    radio.checked = true;
    radio.focus();
    button.textContent = button.dataset.usedLabel || button.textContent;
    button.disabled = true;
  }
});
