import type { EntityManager, EntityTarget } from 'typeorm';
import { isForeignKeyViolation } from '../../common/db/pg-errors';

/**
 * Deletes a catalog row, or, when other records (bookings, history) still refer to it,
 * marks it inactive instead so that history keeps its meaning. The savepoint lets the
 * transaction carry on after Postgres refuses the delete.
 */
export async function deleteOrDeactivate(
  m: EntityManager,
  target: EntityTarget<{ id: string; active: boolean }>,
  id: string,
): Promise<'deleted' | 'deactivated'> {
  await m.query('SAVEPOINT delete_or_deactivate');
  try {
    await m.delete(target, { id });
    await m.query('RELEASE SAVEPOINT delete_or_deactivate');
    return 'deleted';
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    await m.query('ROLLBACK TO SAVEPOINT delete_or_deactivate');
    await m.update(target, { id }, { active: false });
    return 'deactivated';
  }
}
