import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable } from './DataTable';

describe('DataTable', () => {
  it('puts one heading per column over the rows it is given', () => {
    const html = renderToStaticMarkup(
      <DataTable columns={['时间', '动作']} testId="audit-table">
        <tr data-testid="audit-row">
          <td>08:00</td>
          <td>查看</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<table class="data-table" data-testid="audit-table"><thead><tr><th>时间</th><th>动作</th></tr></thead>' +
        '<tbody><tr data-testid="audit-row"><td>08:00</td><td>查看</td></tr></tbody></table>',
    );
  });

  it('keeps a panel its own look, and has no test id unless given one', () => {
    const html = renderToStaticMarkup(<DataTable columns={['墙']} className="walls-table">{null}</DataTable>);
    expect(html).toBe('<table class="walls-table"><thead><tr><th>墙</th></tr></thead><tbody></tbody></table>');
  });
});
