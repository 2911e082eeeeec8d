package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

// Upload limits.
// See https://discord.com/developers/docs/reference#uploading-files and
// https://discord.com/developers/docs/resources/message#create-message.
const (
	// MaxAttachments is how many files one message may carry.
	MaxAttachments = 10
	// MaxAttachmentBytes is the size of one file on a server without
	// boosts (10 MiB).
	MaxAttachmentBytes = 10 << 20
	// MaxRequestBytes bounds a whole request (25 MiB).
	MaxRequestBytes = 25 << 20
	// CodeEntityTooLarge is Discord's code for an upload past its limit.
	CodeEntityTooLarge = 40005
)

// Attachment is a file a message carries.
type Attachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type,omitempty"`
	Size        int    `json:"size"`
	// Data is the file's content, for tests to read.
	Data []byte `json:"-"`
}

// upload is a file of a multipart request, before it becomes an
// attachment.
type upload struct {
	index       int
	filename    string
	contentType string
	data        []byte
}

// errTooLarge marks a request or a file past Discord's size limits.
var errTooLarge = errors.New("request entity too large")

// writeBodyError answers a body readMessageBody could not read.
func writeBodyError(w http.ResponseWriter, err error) {
	if errors.Is(err, errTooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, CodeEntityTooLarge, "Request entity too large")
		return
	}
	invalidJSON(w)
}

// readBody reads a request body up to MaxRequestBytes.
func readBody(r *http.Request) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r.Body, MaxRequestBytes+1))
	if err != nil {
		return nil, errInvalidJSON
	}
	if len(data) > MaxRequestBytes {
		return nil, errTooLarge
	}
	return data, nil
}

// readMultipart splits a multipart/form-data body into its payload_json
// and its files[n] parts. A file past MaxAttachmentBytes is errTooLarge.
func readMultipart(data []byte, boundary string) (payload []byte, files []upload, err error) {
	mr := multipart.NewReader(bytes.NewReader(data), boundary)
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, errInvalidJSON
		}
		b, err := io.ReadAll(io.LimitReader(p, MaxAttachmentBytes+1))
		if err != nil {
			return nil, nil, errInvalidJSON
		}
		switch name := p.FormName(); {
		case name == "payload_json":
			payload = b
		case strings.HasPrefix(name, "files[") && strings.HasSuffix(name, "]"):
			n, err := strconv.Atoi(name[len("files[") : len(name)-1])
			if err != nil || n < 0 {
				return nil, nil, errInvalidJSON
			}
			if len(b) > MaxAttachmentBytes {
				return nil, nil, errTooLarge
			}
			ct := p.Header.Get("Content-Type")
			if ct == "" {
				ct = http.DetectContentType(b)
			}
			files = append(files, upload{index: n, filename: p.FileName(), contentType: ct, data: b})
		}
	}
	if payload == nil {
		payload = []byte("{}")
	}
	return payload, files, nil
}

// isMultipart reports whether a request is multipart/form-data, and its
// boundary.
func isMultipart(r *http.Request) (string, bool) {
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return params["boundary"], mt == "multipart/form-data"
}

// attachmentRef is an entry of a body's attachments array.
type attachmentRef struct {
	ID json.RawMessage `json:"id"`
}

// validateUploads checks the files of a body against Discord's limits and
// its attachments array: at most MaxAttachments in the message, each file
// named, each attachment naming an upload of this request (by its n) or,
// for an edit, one the message has (kept lists their ids).
func validateUploads(prefix string, b *messageBody, kept []Attachment) []fieldError {
	var errs []fieldError
	for _, u := range b.uploads {
		if strings.TrimSpace(u.filename) == "" {
			errs = append(errs, required(prefix+"files["+strconv.Itoa(u.index)+"].filename"))
		}
	}
	for i, raw := range b.Attachments {
		var ref attachmentRef
		if json.Unmarshal(raw, &ref) != nil || len(ref.ID) == 0 {
			errs = append(errs, required(prefix+"attachments."+strconv.Itoa(i)+".id"))
			continue
		}
		id := strings.Trim(string(ref.ID), `"`)
		found := false
		for _, u := range b.uploads {
			found = found || strconv.Itoa(u.index) == id
		}
		for _, a := range kept {
			found = found || a.ID == id
		}
		if !found {
			errs = append(errs, badValue(prefix+"attachments."+strconv.Itoa(i)+".id", "ATTACHMENT_NOT_FOUND", "Unknown attachment "+id))
		}
	}
	if n := len(b.uploads) + len(keptAfter(b, kept)); n > MaxAttachments {
		errs = append(errs, maxLength(prefix+"attachments", MaxAttachments))
	}
	return errs
}

// keptAfter returns the attachments of a message an edit keeps: those its
// attachments array names, or all when it has none.
func keptAfter(b *messageBody, kept []Attachment) []Attachment {
	if _, ok := b.present["attachments"]; !ok {
		return kept
	}
	var out []Attachment
	for _, a := range kept {
		for _, raw := range b.Attachments {
			var ref attachmentRef
			if json.Unmarshal(raw, &ref) == nil && strings.Trim(string(ref.ID), `"`) == a.ID {
				out = append(out, a)
			}
		}
	}
	return out
}

// attachUploads adds a body's uploads to a message as attachments, with
// ids of their own.
func (s *Server) attachUploads(m *Message, b *messageBody) {
	m.Attachments = keptAfter(b, m.Attachments)
	for _, u := range b.uploads {
		m.Attachments = append(m.Attachments, Attachment{ID: s.newID(), Filename: u.filename,
			ContentType: u.contentType, Size: len(u.data), Data: u.data})
	}
}

// AttachmentNamed returns the attachment of the message with the file
// name, as an embed names it in attachment://NAME.
func (m Message) AttachmentNamed(name string) (Attachment, bool) {
	name = strings.TrimPrefix(name, "attachment://")
	for _, a := range m.Attachments {
		if a.Filename == name {
			return a, true
		}
	}
	return Attachment{}, false
}

// attachmentsWire renders attachments as Discord's attachment objects.
func (m *Message) attachmentsWire() []any {
	out := []any{}
	for _, a := range m.Attachments {
		out = append(out, map[string]any{
			"id": a.ID, "filename": a.Filename, "size": a.Size, "content_type": a.ContentType,
			"url":       "https://cdn.discordapp.com/attachments/" + m.ChannelID + "/" + a.ID + "/" + a.Filename,
			"proxy_url": "https://media.discordapp.net/attachments/" + m.ChannelID + "/" + a.ID + "/" + a.Filename,
		})
	}
	return out
}
