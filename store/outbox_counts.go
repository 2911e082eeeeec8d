package store

import (
	"context"
	"fmt"
)

// FailedCounts returns, per output, how many deliveries failed
// permanently and wait for Retry. Outputs with none are absent.
func (s *Store) FailedCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT output, count(*) FROM outbox WHERE status = 'failed' GROUP BY output`)
	if err != nil {
		return nil, fmt.Errorf("store: failed counts: %w", err)
	}
	defer rows.Close()
	counts := make(map[string]int)
	for rows.Next() {
		var output string
		var n int
		if err := rows.Scan(&output, &n); err != nil {
			return nil, fmt.Errorf("store: failed counts: %w", err)
		}
		counts[output] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: failed counts: %w", err)
	}
	return counts, nil
}
