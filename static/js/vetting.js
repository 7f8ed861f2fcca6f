// The skill test's countdown. The server keeps the real deadline; this only shows it and sends the
// answers when the time is up (a late submission is refused by the server anyway).
document.addEventListener("DOMContentLoaded", () => {
  const timer = document.querySelector("[data-seconds-left]");
  if (!timer) return;
  const form = document.getElementById("attempt-form");
  const end = Date.now() + Number(timer.dataset.secondsLeft) * 1000;
  const render = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    timer.textContent = `${minutes}:${seconds}`;
    timer.parentElement.classList.toggle("is-low", left < 60);
    if (left === 0) {
      clearInterval(handle);
      if (form && !form.dataset.sent) { form.dataset.sent = "1"; form.submit(); }
    }
  };
  const handle = setInterval(render, 1000);
  render();
});
