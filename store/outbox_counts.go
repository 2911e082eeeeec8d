package store

import (
	"context"
	"fmt"
)

// FailedCounts returns, per output, how many deliveries failed
// permanently and wait for Retry. Outputs with none are absent.
func (s *Store) FailedCounts(ctx context.Context) (map[string]int, error) {
	return s.countsByOutput(ctx, "failed")
}

// countsByOutput returns, per output, how many outbox rows have status.
// Outputs with none are absent.
func (s *Store) countsByOutput(ctx context.Context, status string) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT output, count(*) FROM outbox WHERE status = ? GROUP BY output`, status)
	if err != nil {
		return nil, fmt.Errorf("store: %s counts: %w", status, err)
	}
	defer rows.Close()
	counts := make(map[string]int)
	for rows.Next() {
		var output string
		var n int
		if err := rows.Scan(&output, &n); err != nil {
			return nil, fmt.Errorf("store: %s counts: %w", status, err)
		}
		counts[output] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s counts: %w", status, err)
	}
	return counts, nil
}
