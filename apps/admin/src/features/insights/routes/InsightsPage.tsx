import { useMutation } from '@tanstack/react-query';
import { lazy, type ReactNode, useId } from 'react';
import { useSearchParams } from 'react-router';
import type { AnalyticsRangeQuery, AnalyticsSummary, NoShowBreakdown, NoShowRow } from '@frontdesk/contracts';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { formatLocalDate, formatMoney, todayIn } from '../../../app/time';
import { QueryState } from '../../../ui/QueryState';
import { ErrorState, PageHeader } from '../../../ui/states';
import { downloadBookingsCsv, useAnalyticsSummary, useNoShows } from '../api';
import { ChartFrame } from '../components/ChartFrame';
import type { CountBar } from '../components/Charts';
import { RangePicker } from '../components/RangePicker';
import { type StatColumn, StatTable } from '../components/StatTable';
import { formatCount, formatRate, shareOf } from '../format';
import { baselineRange, BASELINE_DAYS, rangeFromParams } from '../range';
import '../insights.css';

// The chart library loads with the first chart, after the page and its tables are on screen.
const loadCharts = () => import('../components/Charts');
const RateOverTimeChart = lazy(async () => ({ default: (await loadCharts()).RateOverTimeChart }));
const RateBarChart = lazy(async () => ({ default: (await loadCharts()).RateBarChart }));
const CountBarChart = lazy(async () => ({ default: (await loadCharts()).CountBarChart }));

const NO_SHOW_COLUMNS: StatColumn<NoShowRow>[] = [
  { header: 'Bookings', cell: (row) => formatCount(row.bookings) },
  { header: 'No-shows', cell: (row) => formatCount(row.noShows) },
  { header: 'No-show rate', cell: (row) => formatRate(row.rate) },
];

export function InsightsPage() {
  const tenant = useTenant();
  const { api } = useTenantScope();
  const today = todayIn(tenant.timezone);
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params, today);
  const summary = useAnalyticsSummary(range);
  const baseline = useAnalyticsSummary(baselineRange(range));
  const download = useMutation({ mutationFn: () => downloadBookingsCsv(api, range) });
  const period = `${formatLocalDate(range.from, tenant.locale, true)} – ${formatLocalDate(range.to, tenant.locale, true)}`;
  const baselineRate = baseline.data?.noShowRate ?? null;

  return (
    <section>
      <PageHeader title="Insights">
        <button type="button" className="button" disabled={download.isPending} onClick={() => download.mutate()}>
          {download.isPending ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </PageHeader>
      {download.error && <ErrorState error={download.error} />}
      <RangePicker range={range} today={today} onChange={(next) => setParams({ from: next.from, to: next.to })} />
      <QueryState
        query={summary}
        loading="Loading insights…"
        empty={`No bookings between ${period}. Pick another range.`}
        isEmpty={(data) => data.bookings.total === 0}
      >
        {(data) => (
          <>
            <Overview summary={data} baseline={baselineRate} to={range.to} />
            <NoShowsOverTime range={range} baseline={baselineRate} />
            <div className="insights-grid">
              <RateByGroup range={range} by="weekday" title="By weekday" rowHeader="Weekday" />
              <RateByGroup range={range} by="hour" title="By hour of the day" rowHeader="Local start hour" />
            </div>
            <WeekdayHourHeatMap range={range} />
            <div className="insights-grid">
              <RateByGroup range={range} by="service" title="By service" rowHeader="Service" />
              <RateByGroup range={range} by="staff" title="By staff member" rowHeader="Staff member" />
            </div>
            <RateByGroup
              range={range}
              by="riskTier"
              title="Risk tier and actual no-shows"
              rowHeader="Risk tier"
              intro="Each booking’s tier when it was made, against what happened: a calibrated score shows rising rates from low to high."
            />
            <div className="insights-grid">
              <Reminders summary={data} />
              <Deposits summary={data} currency={tenant.currency} locale={tenant.locale} />
            </div>
            <Conversations summary={data} />
          </>
        )}
      </QueryState>
    </section>
  );
}

function Panel({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card insights-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="muted">{intro}</p>}
      {children}
    </section>
  );
}

function NoShowQuery({
  range,
  by,
  children,
}: {
  range: AnalyticsRangeQuery;
  by: NoShowBreakdown;
  children: (rows: NoShowRow[]) => ReactNode;
}) {
  const breakdown = useNoShows(range, by);
  return (
    <QueryState query={breakdown} loading="Loading…" empty="No bookings to count." isEmpty={(data) => data.rows.length === 0}>
      {(data) => children(data.rows)}
    </QueryState>
  );
}

function Overview({ summary, baseline, to }: { summary: AnalyticsSummary; baseline: number | null; to: string }) {
  const { bookings } = summary;
  const rows: { label: string; value: string }[] = [
    { label: 'Bookings', value: formatCount(bookings.total) },
    { label: 'Completed', value: formatCount(bookings.completed) },
    { label: 'No-shows', value: formatCount(bookings.noShow) },
    { label: 'No-show rate', value: formatRate(summary.noShowRate) },
    { label: `Base line (${BASELINE_DAYS} days to ${to})`, value: formatRate(baseline) },
    { label: 'Cancelled', value: formatCount(bookings.cancelled) },
    { label: 'Cancelled late', value: formatCount(bookings.lateCancelled) },
    { label: 'Expired unpaid', value: formatCount(bookings.expired) },
    { label: 'Still confirmed', value: formatCount(bookings.confirmed) },
    {
      label: 'Median time to confirm',
      value: summary.medianMinutesToConfirm === null ? '—' : `${formatCount(Math.round(summary.medianMinutesToConfirm))} min`,
    },
  ];
  return (
    <Panel title="Overview">
      <StatTable
        caption="Bookings in the range by what became of them"
        rowHeader={{ header: 'Measure', cell: (row) => row.label }}
        columns={[{ header: 'Value', cell: (row) => row.value }]}
        rows={rows}
        rowKey={(row) => row.label}
      />
    </Panel>
  );
}

function NoShowsOverTime({ range, baseline }: { range: AnalyticsRangeQuery; baseline: number | null }) {
  return (
    <Panel
      title="No-show rate over time"
      intro={`Week by week, against the business’s own rate over the ${BASELINE_DAYS} days to ${range.to} (${formatRate(baseline)}).`}
    >
      <NoShowQuery range={range} by="week">
        {(rows) => (
          <>
            <ChartFrame label="Line chart of the weekly no-show rate and the base line; the numbers are in the table below.">
              <RateOverTimeChart rows={rows} baseline={baseline} />
            </ChartFrame>
            <StatTable
              caption="No-shows by week (weeks start on Monday)"
              rowHeader={{ header: 'Week', cell: (row) => row.label }}
              columns={NO_SHOW_COLUMNS}
              rows={rows}
              rowKey={(row) => row.key}
            />
          </>
        )}
      </NoShowQuery>
    </Panel>
  );
}

function RateByGroup({
  range,
  by,
  title,
  rowHeader,
  intro,
}: {
  range: AnalyticsRangeQuery;
  by: NoShowBreakdown;
  title: string;
  rowHeader: string;
  intro?: string;
}) {
  return (
    <Panel title={title} intro={intro}>
      <NoShowQuery range={range} by={by}>
        {(rows) => (
          <>
            <ChartFrame
              label={`Bar chart of the no-show rate by ${rowHeader.toLowerCase()}; the numbers are in the table below.`}
            >
              <RateBarChart rows={rows} />
            </ChartFrame>
            <StatTable
              caption={`No-shows by ${rowHeader.toLowerCase()}`}
              rowHeader={{ header: rowHeader, cell: (row) => row.label }}
              columns={NO_SHOW_COLUMNS}
              rows={rows}
              rowKey={(row) => row.key}
            />
          </>
        )}
      </NoShowQuery>
    </Panel>
  );
}

/**
 * Weekday × hour as a table whose cells are shaded by their no-show rate: the heat map and its numbers
 * in one. Only the hours that hold a booking on some day are columns.
 */
function WeekdayHourHeatMap({ range }: { range: AnalyticsRangeQuery }) {
  return (
    <Panel
      title="By weekday and hour"
      intro="The no-show rate of each weekday and local start hour; the darker the cell, the higher the rate."
    >
      <NoShowQuery range={range} by="weekdayHour">
        {(rows) => {
          const hours = [...new Set(rows.filter((row) => row.bookings > 0).map((row) => row.key.slice(4)))].sort();
          const days = [...new Set(rows.map((row) => row.key.slice(0, 3)))];
          const byKey = new Map(rows.map((row) => [row.key, row]));
          const highest = Math.max(0, ...rows.map((row) => row.rate ?? 0));
          return (
            <div className="insights-heatmap">
              <table className="insights-table">
                <caption>No-show rate by weekday and local start hour</caption>
                <thead>
                  <tr>
                    <th scope="col">Weekday</th>
                    {hours.map((hour) => (
                      <th key={hour} scope="col">
                        {hour}:00
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map((day) => (
                    <tr key={day}>
                      <th scope="row">{byKey.get(`${day}-${hours[0] ?? '00'}`)?.label.split(' ')[0]}</th>
                      {hours.map((hour) => {
                        const cell = byKey.get(`${day}-${hour}`);
                        const rate = cell?.rate ?? null;
                        return (
                          <td
                            key={hour}
                            title={cell ? `${cell.label}: ${cell.noShows} of ${cell.bookings} bookings` : undefined}
                            style={{ ['--heat' as string]: highest > 0 && rate !== null ? rate / highest : 0 }}
                          >
                            {cell && cell.bookings > 0 ? formatRate(rate) : ''}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </NoShowQuery>
    </Panel>
  );
}

/** One total of a funnel, with its share of the first one where that means something. */
interface Total extends CountBar {
  share?: string | null;
}

/** Totals drawn as bars, then listed with their shares ("delivered", "of collected"…). */
function Totals({
  title,
  caption,
  bars,
  format,
}: {
  title: string;
  caption: string;
  bars: Total[];
  format: (value: number) => string;
}) {
  return (
    <Panel title={title}>
      <ChartFrame label={`Bar chart: ${caption.toLowerCase()}; the numbers are in the table below.`}>
        <CountBarChart bars={bars} format={format} />
      </ChartFrame>
      <StatTable
        caption={caption}
        rowHeader={{ header: 'Measure', cell: (bar) => bar.label }}
        columns={[
          { header: 'Total', cell: (bar) => format(bar.value) },
          { header: 'Share', cell: (bar) => bar.share ?? '' },
        ]}
        rows={bars}
        rowKey={(bar) => bar.label}
      />
    </Panel>
  );
}

function Reminders({ summary }: { summary: AnalyticsSummary }) {
  const { reminders } = summary;
  return (
    <Totals
      title="Reminders"
      caption="Reminders sent, delivered and confirmed by reply"
      format={(value) => formatCount(value)}
      bars={[
        { label: 'Sent', value: reminders.sent },
        { label: 'Delivered', value: reminders.delivered, share: shareOf(reminders.deliveryRate, 'delivered') },
        { label: 'Failed', value: reminders.failed },
        {
          label: 'Confirmed by reply',
          value: reminders.confirmedByReply,
          share: shareOf(reminders.confirmationRate, 'confirmed'),
        },
      ]}
    />
  );
}

function Deposits({ summary, currency, locale }: { summary: AnalyticsSummary; currency: string; locale: string }) {
  const { deposits } = summary;
  const ofCollected = (cents: number) =>
    shareOf(deposits.collectedCents > 0 ? cents / deposits.collectedCents : null, 'of collected');
  return (
    <Totals
      title="Deposits"
      caption="Deposits collected, refunded and kept"
      format={(cents) => formatMoney(cents, currency, locale)}
      bars={[
        { label: 'Collected', value: deposits.collectedCents },
        { label: 'Refunded', value: deposits.refundedCents, share: ofCollected(deposits.refundedCents) },
        { label: 'Kept', value: deposits.keptCents, share: ofCollected(deposits.keptCents) },
      ]}
    />
  );
}

function Conversations({ summary }: { summary: AnalyticsSummary }) {
  const { conversations } = summary;
  return (
    <Totals
      title="Conversations to bookings"
      caption="Conversations started and those that ended in a booking"
      format={(value) => formatCount(value)}
      bars={[
        { label: 'Conversations started', value: conversations.started },
        {
          label: 'Ended in a booking',
          value: conversations.booked,
          share: shareOf(conversations.conversionRate, 'converted'),
        },
      ]}
    />
  );
}
