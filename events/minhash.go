package events

import "math"

// MinHash signature and banding. With bands of rowsPerBand rows, two texts
// whose shingle sets have a Jaccard index of J share at least one band
// with probability 1-(1-J^rows)^bands: about 0.93 at J=0.5, 0.73 at 0.4
// and 0.02 at 0.1, so near-duplicates are found and most unrelated pairs
// are never looked at.
const (
	numBands    = 20
	rowsPerBand = 3
	numHashes   = numBands * rowsPerBand
)

// seeds are the numHashes hash functions' keys, fixed so that signatures
// are the same in every run.
var seeds = func() [numHashes]uint64 {
	var s [numHashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i) + 1)
		s[i] = x
	}
	return s
}()

// mix is splitmix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// bandKeys returns the LSH band keys of a set of token hashes: the MinHash
// signature cut into bands, each band hashed with its number. An empty set
// has none.
func bandKeys(set []uint64, salt uint64) []uint64 {
	return appendBandKeys(nil, set, salt)
}

// appendBandKeys appends the band keys of a set to dst.
func appendBandKeys(dst, set []uint64, salt uint64) []uint64 {
	if len(set) == 0 {
		return dst
	}
	var sig [numHashes]uint64
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	for _, h := range set {
		for i, s := range seeds {
			if v := mix(h ^ s); v < sig[i] {
				sig[i] = v
			}
		}
	}
	for b := range numBands {
		k := mix(salt + uint64(b)*0x100000001b3)
		for r := range rowsPerBand {
			k = mix(k ^ sig[b*rowsPerBand+r])
		}
		dst = append(dst, k)
	}
	return dst
}
