// The skill test's countdown. The server keeps the real deadline; this only shows it and sends the
// answers when the time is up (a late submission is refused by the server anyway).
document.addEventListener("DOMContentLoaded", () => {
  const timer = document.querySelector("[data-seconds-left]");
  if (!timer) return;
  const form = document.getElementById("attempt-form");
  const announcer = document.querySelector("[data-timer-announce]");
  const start = Number(timer.dataset.secondsLeft);
  const end = Date.now() + start * 1000;
  // What a screen reader hears, and when: every five minutes, each of the last five, then 30 and 10 s.
  const milestones = [];
  for (let at = Math.floor((start - 1) / 300) * 300; at > 300; at -= 300) milestones.push(at);
  milestones.push(...[300, 240, 180, 120, 60, 30, 10].filter((at) => at < start));
  const render = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    timer.textContent = `${minutes}:${seconds}`;
    timer.parentElement.classList.toggle("is-low", left < 60);
    if (announcer && milestones.length && left <= milestones[0]) {
      while (milestones.length && left <= milestones[0]) milestones.shift();
      announcer.textContent = `${announcer.dataset.label}: ${timer.textContent}`;
    }
    if (left === 0) {
      clearInterval(handle);
      if (form && !form.dataset.sent) { form.dataset.sent = "1"; form.submit(); }
    }
  };
  const handle = setInterval(render, 1000);
  render();
});
