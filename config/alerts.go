package config

// Alerts configures how alerts follow their events: an event gets one
// alert per output, edited as the event grows instead of posted again.
type Alerts struct {
	// EditOutlets is by how many outlets (feeds) an event must grow past
	// what its alert says before the alert is edited; default 2.
	EditOutlets int `yaml:"edit_outlets"`
	// EditLanguages is by how many languages it must grow; default 1.
	EditLanguages int `yaml:"edit_languages"`
}

// Defaults of alerts.
const (
	DefaultEditOutlets   = 2
	DefaultEditLanguages = 1
)

// validateAlerts checks the alerts section.
func (l *loader) validateAlerts(c *Config) {
	if c.Alerts.EditOutlets < 1 {
		l.errorf("alerts.edit_outlets", "must be at least 1 (default %d)", DefaultEditOutlets)
	}
	if c.Alerts.EditLanguages < 1 {
		l.errorf("alerts.edit_languages", "must be at least 1 (default %d)", DefaultEditLanguages)
	}
}
