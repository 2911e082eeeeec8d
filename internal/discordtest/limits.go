package discordtest

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Message and embed limits, counted in runes after trimming leading and
// trailing whitespace.
// See https://discord.com/developers/docs/resources/message#create-message-jsonform-params
// and https://discord.com/developers/docs/resources/message#embed-object-embed-limits.
const (
	MaxContentRunes          = 2000
	MaxEmbeds                = 10
	MaxEmbedTitleRunes       = 256
	MaxEmbedDescriptionRunes = 4096
	MaxEmbedFields           = 25
	MaxFieldNameRunes        = 256
	MaxFieldValueRunes       = 1024
	MaxFooterTextRunes       = 2048
	MaxAuthorNameRunes       = 256
	MaxEmbedTotalRunes       = 6000
)

// Limits on allowed_mentions and nonces.
// See https://discord.com/developers/docs/resources/message#allowed-mentions-object.
const (
	MaxAllowedMentionIDs = 100
	MaxNonceLength       = 25
	// NonceWindow is how long an enforced nonce is remembered. Discord
	// documents "the past few minutes".
	NonceWindow = 5 * time.Minute
)

// Interaction timing rules.
// See https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction.
const (
	InteractionResponseDeadline = 3 * time.Second
	InteractionTokenLifetime    = 15 * time.Minute
)

// Application command limits.
// See https://discord.com/developers/docs/interactions/application-commands#application-command-object.
const (
	MaxCommandNameRunes        = 32
	MaxCommandDescriptionRunes = 100
	MaxCommandOptions          = 25
	MaxOptionChoices           = 25
	MaxChoiceNameRunes         = 100
	MaxChoiceValueRunes        = 100
	MaxChatInputCommands       = 100
	MaxAutocompleteChoices     = 25
)

// Message flags a bot may set.
// See https://discord.com/developers/docs/resources/message#message-object-message-flags.
const (
	FlagSuppressEmbeds        = 1 << 2
	FlagEphemeral             = 1 << 6
	FlagLoading               = 1 << 7
	FlagSuppressNotifications = 1 << 12
)

// runeLen counts a text the way Discord does: runes after trimming.
func runeLen(s string) int {
	return utf8.RuneCountInString(strings.TrimSpace(s))
}

// validateContent checks the fields of a message body that Discord limits.
// prefix is prepended to paths ("" for a message, "data." for an
// interaction callback).
func validateContent(prefix string, c *messageBody) []fieldError {
	errs := validateComponents(prefix+"components", c.Components)
	if runeLen(c.Content) > MaxContentRunes {
		errs = append(errs, maxLength(prefix+"content", MaxContentRunes))
	}
	if len(c.Embeds) > MaxEmbeds {
		errs = append(errs, maxLength(prefix+"embeds", MaxEmbeds))
	}
	total := 0
	for i, e := range c.Embeds {
		p := prefix + "embeds." + strconv.Itoa(i) + "."
		check := func(path, text string, limit int) {
			n := runeLen(text)
			total += n
			if n > limit {
				errs = append(errs, maxLength(p+path, limit))
			}
		}
		check("title", e.Title, MaxEmbedTitleRunes)
		check("description", e.Description, MaxEmbedDescriptionRunes)
		if len(e.Fields) > MaxEmbedFields {
			errs = append(errs, maxLength(p+"fields", MaxEmbedFields))
		}
		for j, f := range e.Fields {
			fp := "fields." + strconv.Itoa(j) + "."
			if runeLen(f.Name) == 0 {
				errs = append(errs, required(p+fp+"name"))
			}
			if runeLen(f.Value) == 0 {
				errs = append(errs, required(p+fp+"value"))
			}
			check(fp+"name", f.Name, MaxFieldNameRunes)
			check(fp+"value", f.Value, MaxFieldValueRunes)
		}
		if e.Footer != nil {
			if runeLen(e.Footer.Text) == 0 {
				errs = append(errs, required(p+"footer.text"))
			}
			check("footer.text", e.Footer.Text, MaxFooterTextRunes)
		}
		if e.Author != nil {
			if runeLen(e.Author.Name) == 0 {
				errs = append(errs, required(p+"author.name"))
			}
			check("author.name", e.Author.Name, MaxAuthorNameRunes)
		}
		if e.Type != "" && e.Type != "rich" {
			errs = append(errs, badValue(p+"type", "BASE_TYPE_CHOICES", "Value must be one of ('rich',)."))
		}
		if e.Color < 0 || e.Color > 0xFFFFFF {
			errs = append(errs, badValue(p+"color", "NUMBER_TYPE_MAX", "int value should be less than or equal to 16777215."))
		}
		if e.Timestamp != "" {
			if _, err := time.Parse(time.RFC3339, e.Timestamp); err != nil {
				errs = append(errs, badValue(p+"timestamp", "DATE_TIME_TYPE_PARSE", "Could not parse "+strconv.Quote(e.Timestamp)+". Should be ISO8601."))
			}
		}
		for path, u := range map[string]string{"url": e.URL, "author.url": authorURL(e.Author)} {
			if u != "" && !httpURL(u) {
				errs = append(errs, badValue(p+path, "URL_TYPE_INVALID_URL", "Not a well formed URL."))
			}
		}
		// An image may also name a file of the message: attachment://NAME.
		for path, m := range map[string]*EmbedMedia{"image.url": e.Image, "thumbnail.url": e.Thumbnail} {
			if m != nil && !httpURL(m.URL) && (!strings.HasPrefix(m.URL, "attachment://") || len(m.URL) == len("attachment://")) {
				errs = append(errs, badValue(p+path, "URL_TYPE_INVALID_URL", "Scheme \""+strings.SplitN(m.URL, ":", 2)[0]+"\" is not supported. Scheme must be one of ('http', 'https', 'attachment')."))
			}
		}
	}
	if total > MaxEmbedTotalRunes {
		errs = append(errs, badValue(prefix+"embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of "+strconv.Itoa(MaxEmbedTotalRunes)))
	}
	if am := c.AllowedMentions; am != nil {
		errs = append(errs, validateAllowedMentions(prefix+"allowed_mentions", am)...)
	}
	return errs
}

func authorURL(a *EmbedAuthor) string {
	if a == nil {
		return ""
	}
	return a.URL
}

func httpURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func validateAllowedMentions(path string, am *AllowedMentions) []fieldError {
	var errs []fieldError
	for i, p := range am.Parse {
		if p != "roles" && p != "users" && p != "everyone" {
			errs = append(errs, badValue(path+".parse."+strconv.Itoa(i), "BASE_TYPE_CHOICES", "Value must be one of {'roles', 'users', 'everyone'}."))
		}
	}
	if len(am.Users) > MaxAllowedMentionIDs {
		errs = append(errs, maxLength(path+".users", MaxAllowedMentionIDs))
	}
	if len(am.Roles) > MaxAllowedMentionIDs {
		errs = append(errs, maxLength(path+".roles", MaxAllowedMentionIDs))
	}
	if am.parses("users") && len(am.Users) > 0 {
		errs = append(errs, badValue(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", `parse:["users"] and users: [ids...] are mutually exclusive.`))
	}
	if am.parses("roles") && len(am.Roles) > 0 {
		errs = append(errs, badValue(path, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", `parse:["roles"] and roles: [ids...] are mutually exclusive.`))
	}
	return errs
}

// isEmpty reports whether a message body would show nothing: Discord
// answers such a body with code 50006.
func (c *messageBody) isEmpty() bool {
	return runeLen(c.Content) == 0 && len(c.Embeds) == 0 && len(c.Attachments) == 0 && len(c.uploads) == 0 &&
		len(c.StickerIDs) == 0 && !hasComponents(c.Components) && len(c.Poll) == 0
}
