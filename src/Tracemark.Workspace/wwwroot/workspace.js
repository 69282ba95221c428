'use strict';
// The workspace pages' only script (no inline script: the CSP forbids it). Follows running scan jobs by server-sent
// events and uploads evidence with a progress bar, sending the page's antiforgery token as a header.
(() => {
  const finished = (state) => state === 'done' || state === 'failed';
  for (const item of document.querySelectorAll('[data-job]')) {
    if (finished(item.dataset.state)) continue;
    const events = new EventSource(`/api/jobs/${item.dataset.job}/events`);
    events.onmessage = (event) => {
      const job = JSON.parse(event.data);
      item.querySelector('progress').value = job.progress;
      item.querySelector('.state').textContent = item.dataset['l' + job.state.charAt(0).toUpperCase() + job.state.slice(1)] || job.state;
      item.dataset.state = job.state;
      if (finished(job.state)) {
        events.close();
        location.reload();
      }
    };
    events.onerror = () => events.close();
  }

  const form = document.getElementById('upload');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const bar = document.getElementById('upload-progress');
    const problem = document.getElementById('upload-error');
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('X-CSRF-TOKEN', form.dataset.csrf);
    bar.hidden = false;
    request.upload.onprogress = (p) => {
      if (p.lengthComputable) bar.value = p.loaded / p.total;
    };
    request.onload = () => {
      if (request.status === 202) {
        location.reload();
        return;
      }
      let message = `HTTP ${request.status}`;
      try {
        message = JSON.parse(request.responseText).error || message;
      } catch {
        // not JSON: keep the status
      }
      problem.textContent = message;
    };
    request.onerror = () => {
      problem.textContent = 'upload failed';
    };
    request.send(new FormData(form));
  });
})();
