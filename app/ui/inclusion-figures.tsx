import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { formatNumber } from '#app/i18n/format.ts'
import type { Figures, ListTable, PeopleTable } from '#app/modules/inclusion/figures.ts'
import type { Cell } from '#app/modules/inclusion/inclusion-rules.ts'

// The inclusion figures (issue 16): each table as a server-rendered SVG bar chart with
// its title and description, and the same figures in a table beside it. Suppressed
// counts are never drawn: "<5" and "–" appear in the chart's labels and the table.

/** A count as shown: exact in the reader's locale, "<5", or "–" (hidden to protect a small one). */
export function useCellText() {
  const { i18n } = useTranslation()
  const lng = i18n.language as Language
  return (cell: Cell | undefined) =>
    !cell ? '' : cell.mark === 'exact' ? formatNumber(cell.value, lng) : cell.mark === 'small' ? '<5' : '–'
}

interface Group {
  label: string
  bars: { series: number; cell: Cell | undefined }[]
}

// Two series, told apart by shade and by the table beside the chart (not by colour alone).
const SERIES_FILL = ['#1d4ed8', '#93c5fd']
const ROW = 22
const LABEL_WIDTH = 190
const PLOT = 300

function BarChart({ title, desc, groups }: { title: string; desc: string; groups: Group[] }) {
  const text = useCellText()
  const id = useId()
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => (b.cell?.mark === 'exact' ? b.cell.value : 0))))
  const perGroup = Math.max(1, ...groups.map((g) => g.bars.length))
  const height = groups.length * (perGroup * ROW + 8) + 8
  let y = 4
  return (
    <svg
      className="chart inclusion-chart"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${LABEL_WIDTH + PLOT + 60} ${height}`}
      width="100%"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {groups.map((g) => {
        const top = y
        y += perGroup * ROW + 8
        return (
          <g key={g.label}>
            <text x={0} y={top + ROW * 0.7} fontSize="12">
              {g.label}
            </text>
            {g.bars.map((b, i) => {
              const exact = b.cell?.mark === 'exact'
              const width = exact ? Math.max(1, ((b.cell?.value ?? 0) / max) * PLOT) : 0
              const barY = top + i * ROW
              return (
                <g key={b.series}>
                  {exact ? (
                    <rect x={LABEL_WIDTH} y={barY + 3} width={width} height={ROW - 6} fill={SERIES_FILL[b.series]} />
                  ) : null}
                  <text x={LABEL_WIDTH + width + 4} y={barY + ROW * 0.7} fontSize="12">
                    {text(b.cell)}
                  </text>
                </g>
              )
            })}
          </g>
        )
      })}
    </svg>
  )
}

function PeopleFigure({ people }: { people: PeopleTable }) {
  const { t } = useTranslation(['inclusion'])
  const text = useCellText()
  const title = t(`inclusion:questions.${people.question}` as 'inclusion:questions.gender')
  const answer = (c: string) => t(`inclusion:answers.${people.question}.${c}` as 'inclusion:answers.gender.female')
  return (
    <section className="box" aria-label={title}>
      <h2>{title}</h2>
      <BarChart
        title={title}
        desc={`${t('inclusion:chart.desc')} ${t('inclusion:columns.applicant')} / ${t('inclusion:columns.member')}.`}
        groups={people.categories.map((c, i) => ({
          label: answer(c),
          bars: [0, 1].map((series) => ({ series, cell: people.table.cells[i]?.[series] })),
        }))}
      />
      <div className="table-wrap">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{t('inclusion:columns.applicant')}</th>
              <th scope="col">{t('inclusion:columns.member')}</th>
              <th scope="col">{t('inclusion:columns.total')}</th>
            </tr>
          </thead>
          <tbody>
            {people.categories.map((c, i) => (
              <tr key={c}>
                <th scope="row">{answer(c)}</th>
                <td>{text(people.table.cells[i]?.[0])}</td>
                <td>{text(people.table.cells[i]?.[1])}</td>
                <td>{text(people.table.rowTotals[i])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('inclusion:columns.total')}</th>
              <td>{text(people.table.columnTotals[0])}</td>
              <td>{text(people.table.columnTotals[1])}</td>
              <td>{text(people.table.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

function ListFigure({
  title,
  list,
  label,
  note,
}: {
  title: string
  list: ListTable
  label: (r: ListTable['rows'][number]) => string
  note?: string
}) {
  const { t } = useTranslation(['inclusion'])
  const text = useCellText()
  return (
    <section className="box" aria-label={title}>
      <h2>{title}</h2>
      {note ? <p className="muted small">{note}</p> : null}
      <BarChart
        title={title}
        desc={t('inclusion:chart.desc')}
        groups={list.rows.map((r, i) => ({ label: label(r), bars: [{ series: 0, cell: list.table.cells[i]?.[0] }] }))}
      />
      <div className="table-wrap">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inclusion:spread.place')}</th>
              <th scope="col">{t('inclusion:columns.applications')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r, i) => (
              <tr key={r.key}>
                <th scope="row">{label(r)}</th>
                <td>{text(list.table.cells[i]?.[0])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('inclusion:columns.total')}</th>
              <td>{text(list.table.total)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  )
}

/** Every figure of a page: coverage, the three questions, area, spread. */
export function InclusionFigures({ figures, byRegency }: { figures: Figures; byRegency: boolean }) {
  const { t, i18n } = useTranslation(['inclusion'])
  const lng = i18n.language as Language
  const lone = (c: { value: number; shown: boolean }) => (c.shown ? formatNumber(c.value, lng) : '<5 / –')
  return (
    <>
      <p>{t('inclusion:coverage', { applications: lone(figures.applications), declared: lone(figures.declared) })}</p>
      <p className="muted small">{t('inclusion:suppressedNote')}</p>
      {figures.people.map((p) => (
        <PeopleFigure key={p.question} people={p} />
      ))}
      <ListFigure
        title={t('inclusion:area.title')}
        note={t('inclusion:area.note')}
        list={figures.area}
        label={(r) => t(`inclusion:area.${r.key}` as 'inclusion:area.kota')}
      />
      <ListFigure
        title={byRegency ? t('inclusion:spread.titleRegency') : t('inclusion:spread.titleProvince')}
        list={figures.spread}
        label={(r) => r.label ?? t('inclusion:spread.unknown')}
      />
    </>
  )
}

/** The GET filters (work without JavaScript) and the download links carrying the same filters. */
export function FiguresFilters({
  editions,
  edition,
  provinces,
  province,
  files,
}: {
  editions: { id: string; name: string }[]
  edition: string | null
  provinces?: { slug: string; name: string }[]
  province?: string | null
  files: string
}) {
  const { t } = useTranslation(['inclusion'])
  const query = new URLSearchParams()
  if (edition) query.set('edition', edition)
  if (province) query.set('province', province)
  const qs = query.toString() ? `?${query}` : ''
  return (
    <>
      <form method="get" className="filters">
        <fieldset>
          <legend>{t('inclusion:filters.legend')}</legend>
          <label>
            {t('inclusion:filters.edition')}{' '}
            <select name="edition" defaultValue={edition ?? ''}>
              {editions.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>{' '}
          {provinces ? (
            <label>
              {t('inclusion:filters.province')}{' '}
              <select name="province" defaultValue={province ?? ''}>
                <option value="">{t('inclusion:filters.allProvinces')}</option>
                {provinces.map((p) => (
                  <option key={p.slug} value={p.slug}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}{' '}
          <button type="submit">{t('inclusion:filters.show')}</button>
        </fieldset>
      </form>
      <p>
        <a href={`${files}.csv${qs}`} download>
          {t('inclusion:download.csv')}
        </a>
        {' · '}
        <a href={`${files}.xlsx${qs}`} download>
          {t('inclusion:download.xlsx')}
        </a>
      </p>
    </>
  )
}
