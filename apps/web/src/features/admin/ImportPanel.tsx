import type { ImportReport, ImportRow } from '@leeway/contracts';
import { safeCsvCell } from '@leeway/contracts/csv';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useImportInvitations } from '../../api/invitations.queries.ts';
import { Field } from '../../components/Field.tsx';
import { FormError } from '../../components/States.tsx';
import { TableScroll } from '../../components/TableScroll.tsx';
import { formatCount } from '../../lib/format.ts';

const PAGE = 200;
type RowFilter = 'all' | 'created' | 'refused';

/** A cell a spreadsheet shows as text (the one formula guard, `safeCsvCell`), quoted when needed. */
function csvCell(value: string): string {
  const safe = safeCsvCell(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function linksCsv(rows: ImportRow[]): string {
  const lines = rows
    .filter((r) => r.invitation)
    .map((r) =>
      [r.email, r.invitation!.name, r.invitation!.role, r.invitation!.url].map(csvCell).join(','),
    );
  return ['email,name,role,url', ...lines].join('\r\n');
}

function DownloadLinks({ rows }: { rows: ImportRow[] }) {
  const href = useMemo(
    () => URL.createObjectURL(new Blob([linksCsv(rows)], { type: 'text/csv' })),
    [rows],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <a className="button button-secondary" href={href} download="leeway-invitation-links.csv">
      Download invitation links (CSV)
    </a>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const [filter, setFilter] = useState<RowFilter>(report.refused > 0 ? 'refused' : 'all');
  const [limit, setLimit] = useState(PAGE);
  const rows = filter === 'all' ? report.rows : report.rows.filter((r) => r.status === filter);
  const shown = rows.slice(0, limit);

  return (
    <div className="import-result">
      <p className="alert alert-info" role="status">
        Import finished: {formatCount(report.created)} created, {formatCount(report.refused)}{' '}
        refused.
      </p>
      <div className="toolbar">
        <Field label="Show rows" className="field-inline">
          {(control) => (
            <select
              {...control}
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value as RowFilter);
                setLimit(PAGE);
              }}
            >
              <option value="all">All rows</option>
              <option value="refused">Refused</option>
              <option value="created">Created</option>
            </select>
          )}
        </Field>
        {report.created > 0 ? <DownloadLinks rows={report.rows} /> : null}
      </div>
      {rows.length === 0 ? (
        <p>No rows to show.</p>
      ) : (
        <TableScroll label="Table of import results">
          <table>
            <caption>Import report, row by row</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">E-mail</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.line}>
                  <td className="num">{row.line}</td>
                  <td className="break">{row.email || '—'}</td>
                  <td>
                    <span className={`badge badge-${row.status}`}>
                      {row.status === 'created' ? 'Created' : 'Refused'}
                    </span>
                  </td>
                  <td className="break">
                    {row.status === 'refused'
                      ? (row.reason ?? 'Refused')
                      : row.invitation
                        ? row.invitation.url
                        : 'Invitation created'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {rows.length > shown.length ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setLimit((l) => l + PAGE)}
        >
          Show {formatCount(Math.min(PAGE, rows.length - shown.length))} more rows
        </button>
      ) : null}
    </div>
  );
}

export function ImportPanel() {
  const importInvitations = useImportInvitations();
  const [csv, setCsv] = useState('');
  const [fileError, setFileError] = useState<string>();

  const readFile = async (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (file.size > 1_000_000) {
      setFileError('This file is larger than 1 MB. Split it into smaller files.');
      return;
    }
    try {
      setCsv(await file.text());
    } catch {
      setFileError('Could not read this file. Is it a CSV text file?');
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!csv.trim()) return;
    importInvitations.mutate(csv);
  };

  return (
    <>
      <form className="stack" noValidate onSubmit={submit}>
        <p className="hint">
          One person per line, with the header <code>email,name,role,team</code>. Role is{' '}
          <code>member</code>, <code>lead</code> or <code>admin</code>; team is the team's name.
        </p>
        <Field
          label="CSV file"
          hint="Choosing a file puts its text in the box below."
          error={fileError}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => readFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Field label="CSV text" error={undefined}>
          {(control) => (
            <textarea
              {...control}
              name="csv"
              rows={6}
              spellCheck={false}
              placeholder={'email,name,role,team\nada@example.com,Ada Lovelace,member,Platform'}
              value={csv}
              onChange={(e) => setCsv(e.target.value)}
            />
          )}
        </Field>
        <FormError error={importInvitations.error} />
        <div>
          <button
            type="submit"
            className="button"
            disabled={!csv.trim() || importInvitations.isPending}
          >
            {importInvitations.isPending ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {importInvitations.data ? (
        <ImportResult key={importInvitations.submittedAt} report={importInvitations.data} />
      ) : null}
    </>
  );
}
