package detect

import "fmt"

// CheckLanguage checks one ISO 639-1 code (a region subtag such as en-US
// is allowed) against the languages the detector knows.
func CheckLanguage(code string) error {
	if _, ok := languageOf(code); !ok {
		return fmt.Errorf("unknown language code %q", code)
	}
	return nil
}
