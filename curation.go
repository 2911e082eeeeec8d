package wirewatch

// CurationAction is what a person asks of a story shown in Discord.
type CurationAction string

// The curation actions.
const (
	// CurationMute mutes the story's event in the channel it was shown
	// in: its later stories are not delivered there.
	CurationMute CurationAction = "mute"
	// CurationFalsePositive reports the story as matched wrongly, for the
	// topic's editor to read with `wirewatch feedback`.
	CurationFalsePositive CurationAction = "false-positive"
)

// Curation is a person's judgement on one story a Discord message showed.
type Curation struct {
	Action CurationAction
	// Guild and Channel are where the message is; User is who asked.
	Guild, Channel, User string
	// Message is the message's id; Position is the story's place in it,
	// counting from 1.
	Message  string
	Position int
}
