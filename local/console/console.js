// The local web console: every cycle's stage, status and deadline; one cycle's tasks and audit
// trail; the forms behind the emailed links (#/cycles/<id>/tasks/<stage>); the workflow clock.
// Plain JS against the same HTTP API the CLI and AWS use.
const view = document.getElementById('view');
const escapeHtml = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const api = async (method, path, body) => {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const data = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, data };
};

const renderClock = async () => {
  const { data } = await api('GET', '/_local/clock');
  document.getElementById('clock').textContent = `clock ${data.now} (${data.mode})`;
  const controls = document.getElementById('clock-controls');
  if (data.mode === 'manual' && !controls.dataset.ready) {
    controls.dataset.ready = '1';
    controls.innerHTML = ['1d', '7d', '30d']
      .map((label) => `<button class="clock" data-seconds="${parseInt(label, 10) * 86400}">+${label}</button>`)
      .join(' ');
    controls.addEventListener('click', async (event) => {
      const seconds = Number(event.target.dataset.seconds);
      if (!seconds) return;
      await api('POST', '/_local/clock', { advanceBySeconds: seconds });
      await refresh();
    });
  }
};

const renderLinks = async () => {
  const { data } = await api('GET', '/_local/config');
  document.getElementById('links').innerHTML =
    `<a href="${escapeHtml(data.sesInbox)}" target="_blank">SES inbox</a> · <a href="${escapeHtml(data.sesStore)}" target="_blank">SES store</a>`;
};

const cycleList = async () => {
  const { data } = await api('GET', '/cycles');
  const rows = (data.cycles ?? [])
    .map(
      (cycle) => `<tr>
        <td><a href="#/cycles/${encodeURIComponent(cycle.cycleId)}">${escapeHtml(cycle.cycleId)}</a></td>
        <td>${escapeHtml(cycle.serviceName)}</td><td>${escapeHtml(cycle.networkId)}</td><td>${escapeHtml(cycle.cohortId)}</td>
        <td>${escapeHtml(cycle.stage)}</td><td class="status-${escapeHtml(cycle.status)}">${escapeHtml(cycle.status)}</td>
        <td>${escapeHtml(cycle.currentDeadline ?? '–')}</td></tr>`,
    )
    .join('');
  return `<h2>Cycles</h2><table><thead><tr><th>Cycle</th><th>Service</th><th>Network</th><th>Cohort</th><th>Stage</th><th>Status</th><th>Deadline</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="7">No cycles yet: <code>npm run accredit -- service enrol …</code> then <code>cycle start</code>.</td></tr>'}</tbody></table>`;
};

const cycleDetail = async (cycleId) => {
  const { ok, data } = await api('GET', `/cycles/${encodeURIComponent(cycleId)}`);
  if (!ok) return `<p class="message">${escapeHtml(data.message)}</p>`;
  const { cycle, tasks, auditEvents, executionStatus } = data;
  const milestones = (cycle.timetable ?? []).map((m) => `<tr><td>${escapeHtml(m.stage)}</td><td>${escapeHtml(m.opensOn)}</td><td>${escapeHtml(m.dueOn)}</td></tr>`).join('');
  const taskRows = tasks
    .map((t) => `<tr><td><a href="#/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(t.stage)}">${escapeHtml(t.stage)}</a></td><td>${escapeHtml(t.status)}</td><td>${escapeHtml(t.dueAt)}</td><td>${escapeHtml(t.submittedBy ?? '')}</td></tr>`)
    .join('');
  const audit = auditEvents.map((e) => `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.type)}</td><td><code>${escapeHtml(JSON.stringify(e.detail))}</code></td></tr>`).join('');
  return `<h2>${escapeHtml(cycle.serviceName)} · ${escapeHtml(cycleId)}</h2>
    <p>Stage <strong>${escapeHtml(cycle.stage)}</strong>, status <strong class="status-${escapeHtml(cycle.status)}">${escapeHtml(cycle.status)}</strong>,
    deadline ${escapeHtml(cycle.currentDeadline ?? '–')}, execution ${escapeHtml(executionStatus ?? 'unknown')}${cycle.decision ? `, decision ${escapeHtml(cycle.decision)} (${escapeHtml(cycle.decisionReason)})` : ''}</p>
    <h3>Timetable</h3><table><thead><tr><th>Stage</th><th>Opens</th><th>Due</th></tr></thead><tbody>${milestones}</tbody></table>
    <h3>Tasks</h3><table><thead><tr><th>Stage</th><th>Status</th><th>Due</th><th>Submitted by</th></tr></thead><tbody>${taskRows}</tbody></table>
    <h3>Audit trail</h3><table><thead><tr><th>At</th><th>Event</th><th>Detail</th></tr></thead><tbody>${audit}</tbody></table>`;
};

const taskForm = async (cycleId, stage) => {
  const { ok, data } = await api('GET', `/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`);
  if (!ok) return `<p class="message">${escapeHtml(data.message)}</p>`;
  const fields =
    stage === 'committee-decision'
      ? `<label>Recorded by <input name="decidedBy" required></label>
         <label>Outcome <select name="outcome"><option>accredited</option><option>deferred</option><option>not-accredited</option></select></label>
         <label>Reason <textarea name="reason" required></textarea></label>`
      : `<label>Submitted by <input name="submittedBy" required></label><label>Summary <textarea name="summary"></textarea></label>`;
  return `<h2>${escapeHtml(stage)} · <a href="#/cycles/${encodeURIComponent(cycleId)}">${escapeHtml(cycleId)}</a></h2>
    <p>Status <strong>${escapeHtml(data.task.status)}</strong>, due ${escapeHtml(data.task.dueAt)}</p>
    <form id="task-form">${fields}<button type="submit">Submit</button></form><div id="result"></div>`;
};

const bindTaskForm = (cycleId, stage) => {
  const form = document.getElementById('task-form');
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    const { data } = await api('POST', `/cycles/${encodeURIComponent(cycleId)}/tasks/${encodeURIComponent(stage)}`, body);
    document.getElementById('result').innerHTML = `<pre>${escapeHtml(JSON.stringify(data, null, 2))}</pre>`;
  });
};

const refresh = async () => {
  await renderClock();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'cycles' && parts[1] && parts[2] === 'tasks' && parts[3]) {
    if (!document.getElementById('task-form')) {
      view.innerHTML = await taskForm(parts[1], parts[3]);
      bindTaskForm(parts[1], parts[3]);
    }
    return;
  }
  view.innerHTML = parts[0] === 'cycles' && parts[1] ? await cycleDetail(parts[1]) : await cycleList();
};

window.addEventListener('hashchange', () => {
  view.innerHTML = 'Loading…';
  refresh();
});
renderLinks();
refresh();
setInterval(refresh, 3000);
