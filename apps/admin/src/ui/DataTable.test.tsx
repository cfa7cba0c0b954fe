import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { actionsColumn, type Column, DataTable } from './DataTable';

interface Pet {
  id: string;
  name: string;
  age: number;
  away: boolean;
}

const PETS: Pet[] = [
  { id: 'p1', name: 'Rex', age: 3, away: false },
  { id: 'p2', name: 'Mia', age: 7, away: true },
];

const COLUMNS: Column<Pet>[] = [
  { header: 'Name', cell: (pet) => <strong>{pet.name}</strong> },
  { header: 'Age', cell: (pet) => `${pet.age} years`, className: 'numeric' },
  actionsColumn((pet) => <button type="button">Edit {pet.name}</button>),
];

describe('DataTable', () => {
  it('is a named table with a column header per column and a row per item', () => {
    render(<DataTable label="Pets" columns={COLUMNS} rows={PETS} empty="No pets." />);
    const table = screen.getByRole('table', { name: 'Pets' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((th) => th.textContent)).toEqual(['Name', 'Age', 'Actions']);
    expect(headers.every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    // The actions header is there for screen readers only.
    expect(headers[2].querySelector('.sr-only')?.textContent).toBe('Actions');

    const [, ...rows] = within(table).getAllByRole('row');
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((td) => td.textContent),
      ),
    ).toEqual([
      ['Rex', '3 years', 'Edit Rex'],
      ['Mia', '7 years', 'Edit Mia'],
    ]);
    expect(screen.getByRole('row', { name: /Mia/ })).toBeTruthy();
  });

  it('renders what the cell returns and sets the column’s class on its cells', () => {
    render(<DataTable label="Pets" columns={COLUMNS} rows={PETS} />);
    const rex = screen.getByRole('row', { name: /Rex/ });
    expect(within(rex).getByText('Rex').tagName).toBe('STRONG');
    expect(within(rex).getByRole('button', { name: 'Edit Rex' })).toBeTruthy();
    expect(
      within(rex)
        .getAllByRole('cell')
        .map((td) => td.className),
    ).toEqual(['', 'numeric', '']);
  });

  it('sets a class per row', () => {
    render(
      <DataTable label="Pets" columns={COLUMNS} rows={PETS} rowClassName={(pet) => (pet.away ? 'row--inactive' : undefined)} />,
    );
    expect(screen.getByRole('row', { name: /Mia/ }).className).toBe('row--inactive');
    expect(screen.getByRole('row', { name: /Rex/ }).className).toBe('');
  });

  it('keeps each row’s DOM with its item when the order changes (rows are keyed by id)', () => {
    const { rerender } = render(<DataTable label="Pets" columns={COLUMNS} rows={PETS} />);
    const mia = screen.getByRole('row', { name: /Mia/ });
    rerender(<DataTable label="Pets" columns={COLUMNS} rows={[...PETS].reverse()} />);
    expect(screen.getByRole('row', { name: /Mia/ })).toBe(mia);
  });

  it('says the empty text instead of the table when there are no rows', () => {
    render(<DataTable label="Pets" columns={COLUMNS} rows={[]} empty="No pets yet." />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('No pets yet.').className).toBe('empty');
  });

  it('without empty text, keeps the headers of an empty table', () => {
    render(<DataTable label="Pets" columns={COLUMNS} rows={[]} />);
    expect(within(screen.getByRole('table', { name: 'Pets' })).getAllByRole('columnheader')).toHaveLength(3);
  });
});
