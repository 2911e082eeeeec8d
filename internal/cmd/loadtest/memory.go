package main

import (
	"runtime/metrics"
	"time"
)

// heapMetrics make up the Go heap in use: live and not yet swept objects,
// and free space in spans that hold objects.
var heapMetrics = []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes"}

// heapInUse returns the Go heap in use now.
func heapInUse() uint64 {
	samples := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)
	var n uint64
	for _, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			n += s.Value.Uint64()
		}
	}
	return n
}

// heapSampler records the highest heap in use seen until stopped.
type heapSampler struct {
	done chan struct{}
	peak chan uint64
}

func startHeapSampler(every time.Duration) *heapSampler {
	s := &heapSampler{done: make(chan struct{}), peak: make(chan uint64)}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		peak := heapInUse()
		for {
			select {
			case <-t.C:
				peak = max(peak, heapInUse())
			case <-s.done:
				s.peak <- max(peak, heapInUse())
				return
			}
		}
	}()
	return s
}

// stop ends sampling and returns the peak.
func (s *heapSampler) stop() uint64 {
	close(s.done)
	return <-s.peak
}
