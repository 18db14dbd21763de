// An application's impact indicators (baseline → target) as a table, the same on
// Bappeda's detail page and the reviewer's view.

export interface IndicatorRow {
  id: string
  name: string
  baseline: string
  target: string
  unit: string
}

/** The indicators, or a dash when the applicant gave none; column headings come translated. */
export function IndicatorTable({
  indicators,
  headings,
}: {
  indicators: readonly IndicatorRow[]
  headings: { indicator: string; baseline: string; target: string }
}) {
  if (indicators.length === 0) return <p className="empty">—</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{headings.indicator}</th>
            <th scope="col">{headings.baseline}</th>
            <th scope="col">{headings.target}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.id}>
              <td>{i.name}</td>
              <td>
                {i.baseline} {i.unit}
              </td>
              <td>
                {i.target} {i.unit}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
