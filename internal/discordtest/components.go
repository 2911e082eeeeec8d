package discordtest

import (
	"encoding/json"
	"slices"
	"strconv"
)

// Component types.
// See https://discord.com/developers/docs/components/reference#component-object-component-types.
const (
	ComponentActionRow    = 1
	ComponentButton       = 2
	ComponentStringSelect = 3
)

// Message component limits.
// See https://discord.com/developers/docs/components/reference.
const (
	MaxActionRows          = 5
	MaxButtonsPerRow       = 5
	MaxCustomIDRunes       = 100
	MaxButtonLabelRunes    = 80
	MaxSelectOptions       = 25
	MaxOptionLabelRunes    = 100
	MaxOptionValueRunes    = 100
	MaxOptionDescRunes     = 100
	MaxPlaceholderRunes    = 150
	ButtonStyleLink        = 5
	ButtonStylePremium     = 6
	maxComponentStyleValue = 6
)

// Component is a message component: an action row holding buttons or a
// select menu.
type Component struct {
	Type        int             `json:"type"`
	CustomID    string          `json:"custom_id,omitempty"`
	Label       string          `json:"label,omitempty"`
	Style       int             `json:"style,omitempty"`
	URL         string          `json:"url,omitempty"`
	Disabled    bool            `json:"disabled,omitempty"`
	Placeholder string          `json:"placeholder,omitempty"`
	MinValues   *int            `json:"min_values,omitempty"`
	MaxValues   *int            `json:"max_values,omitempty"`
	Options     []SelectOption  `json:"options,omitempty"`
	Components  []Component     `json:"components,omitempty"`
	Emoji       json.RawMessage `json:"emoji,omitempty"`
}

// SelectOption is one choice of a string select.
type SelectOption struct {
	Label       string          `json:"label"`
	Value       string          `json:"value"`
	Description string          `json:"description,omitempty"`
	Default     bool            `json:"default,omitempty"`
	Emoji       json.RawMessage `json:"emoji,omitempty"`
}

// ComponentList decodes a message's components; nil when it has none or
// they do not decode.
func (m Message) ComponentList() []Component {
	if len(m.Components) == 0 {
		return nil
	}
	var out []Component
	if json.Unmarshal(m.Components, &out) != nil {
		return nil
	}
	return out
}

// findComponent returns the interactive component with custom id, in a
// message's rows.
func findComponent(rows []Component, customID string) *Component {
	for i := range rows {
		for j := range rows[i].Components {
			if c := &rows[i].Components[j]; c.CustomID == customID {
				return c
			}
		}
	}
	return nil
}

// validateComponents checks a message's components against Discord's
// rules for action rows, buttons and string selects.
func validateComponents(prefix string, raw json.RawMessage) []fieldError {
	if !hasComponents(raw) {
		return nil
	}
	var rows []Component
	if err := json.Unmarshal(raw, &rows); err != nil {
		return []fieldError{badValue(prefix, "BASE_TYPE_BAD_TYPE", "Must be an array of components.")}
	}
	var errs []fieldError
	if len(rows) > MaxActionRows {
		errs = append(errs, maxLength(prefix, MaxActionRows))
	}
	ids := map[string]bool{}
	for i, row := range rows {
		rp := prefix + "." + strconv.Itoa(i)
		if row.Type != ComponentActionRow {
			errs = append(errs, badValue(rp+".type", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Top-level components must be action rows."))
			continue
		}
		if len(row.Components) == 0 {
			errs = append(errs, badValue(rp+".components", "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length."))
		}
		selects := 0
		for j, c := range row.Components {
			cp := rp + ".components." + strconv.Itoa(j)
			if c.Type == ComponentStringSelect {
				selects++
			}
			if c.CustomID != "" {
				if ids[c.CustomID] {
					errs = append(errs, badValue(cp+".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"))
				}
				ids[c.CustomID] = true
			}
			errs = append(errs, validateComponent(cp, c)...)
		}
		if (selects > 0 && len(row.Components) > 1) || len(row.Components) > MaxButtonsPerRow {
			errs = append(errs, badValue(rp+".components", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width"))
		}
	}
	return errs
}

func validateComponent(p string, c Component) []fieldError {
	var errs []fieldError
	needID := func() {
		if n := runeLen(c.CustomID); n < 1 || n > MaxCustomIDRunes {
			errs = append(errs, badValue(p+".custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
		}
	}
	switch c.Type {
	case ComponentButton:
		switch {
		case c.Style < 1 || c.Style > maxComponentStyleValue:
			errs = append(errs, badValue(p+".style", "BASE_TYPE_CHOICES", "Value must be one of (1, 2, 3, 4, 5, 6)."))
		case c.Style == ButtonStyleLink:
			if c.URL == "" || c.CustomID != "" {
				errs = append(errs, badValue(p+".url", "BUTTON_COMPONENT_URL_REQUIRED", "A link button needs a url and no custom_id."))
			}
		case c.Style != ButtonStylePremium:
			needID()
		}
		if runeLen(c.Label) > MaxButtonLabelRunes {
			errs = append(errs, maxLength(p+".label", MaxButtonLabelRunes))
		}
	case ComponentStringSelect:
		needID()
		if n := len(c.Options); n < 1 || n > MaxSelectOptions {
			errs = append(errs, badValue(p+".options", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length."))
		}
		if runeLen(c.Placeholder) > MaxPlaceholderRunes {
			errs = append(errs, maxLength(p+".placeholder", MaxPlaceholderRunes))
		}
		minV, maxV := 1, 1
		if c.MinValues != nil {
			minV = *c.MinValues
		}
		if c.MaxValues != nil {
			maxV = *c.MaxValues
		}
		if minV < 0 || minV > MaxSelectOptions || maxV < 1 || maxV > MaxSelectOptions || minV > maxV || maxV > max(len(c.Options), 1) {
			errs = append(errs, badValue(p+".max_values", "BASE_TYPE_BAD_VALUE", "min_values and max_values must fit the options."))
		}
		var values []string
		for k, o := range c.Options {
			op := p + ".options." + strconv.Itoa(k)
			if n := runeLen(o.Label); n < 1 || n > MaxOptionLabelRunes {
				errs = append(errs, badValue(op+".label", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
			}
			if n := runeLen(o.Value); n < 1 || n > MaxOptionValueRunes {
				errs = append(errs, badValue(op+".value", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."))
			}
			if runeLen(o.Description) > MaxOptionDescRunes {
				errs = append(errs, maxLength(op+".description", MaxOptionDescRunes))
			}
			if slices.Contains(values, o.Value) {
				errs = append(errs, badValue(op+".value", "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Select component option values must be unique"))
			}
			values = append(values, o.Value)
		}
	default:
		errs = append(errs, badValue(p+".type", "BASE_TYPE_CHOICES", "Component type not supported by the fake in messages."))
	}
	return errs
}
