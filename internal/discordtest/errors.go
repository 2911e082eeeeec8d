package discordtest

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// JSON error codes Discord returns in error bodies.
// See https://discord.com/developers/docs/topics/opcodes-and-status-codes#json.
const (
	CodeGeneral                    = 0
	CodeUnknownChannel             = 10003
	CodeUnknownGuild               = 10004
	CodeUnknownMessage             = 10008
	CodeUnknownWebhook             = 10015
	CodeUnknownApplication         = 10002
	CodeUnknownApplicationCommand  = 10063
	CodeUnknownInteraction         = 10062
	CodeMissingAccess              = 50001
	CodeCannotEditOtherUserMessage = 50005
	CodeEmptyMessage               = 50006
	CodeInvalidWebhookToken        = 50027
	CodeInvalidFormBody            = 50035
	CodeInvalidJSON                = 50109
	CodeAlreadyAcknowledged        = 40060
)

// APIError is the JSON body Discord sends with a 4xx answer.
type APIError struct {
	// Code is Discord's JSON error code, for example 50035.
	Code int `json:"code"`
	// Message is the human-readable message Discord sends with the code.
	Message string `json:"message"`
	// Errors holds the nested per-field errors of a 50035 answer.
	Errors map[string]any `json:"errors,omitempty"`
}

// fieldError is one validation failure at a dotted path such as
// "embeds.0.fields.3.name".
type fieldError struct {
	path    string
	code    string
	message string
}

func maxLength(path string, n int) fieldError {
	return fieldError{path: path, code: "BASE_TYPE_MAX_LENGTH", message: "Must be " + strconv.Itoa(n) + " or fewer in length."}
}

func required(path string) fieldError {
	return fieldError{path: path, code: "BASE_TYPE_REQUIRED", message: "This field is required"}
}

func badValue(path, code, message string) fieldError {
	return fieldError{path: path, code: code, message: message}
}

// formBodyError builds Discord's nested "Invalid Form Body" error object,
// where each path element is a key and the leaves hold "_errors" lists.
func formBodyError(errs []fieldError) *APIError {
	root := map[string]any{}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].path < errs[j].path })
	for _, fe := range errs {
		node := root
		if fe.path != "" {
			for _, part := range strings.Split(fe.path, ".") {
				child, ok := node[part].(map[string]any)
				if !ok {
					child = map[string]any{}
					node[part] = child
				}
				node = child
			}
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": fe.code, "message": fe.message})
	}
	return &APIError{Code: CodeInvalidFormBody, Message: "Invalid Form Body", Errors: root}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// readJSON decodes a request body of at most maxBodyBytes into v, writing
// the error if it is not valid JSON for v.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil || json.Unmarshal(data, v) != nil {
		invalidJSON(w)
		return false
	}
	return true
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, APIError{Code: code, Message: message})
}

func writeAPIError(w http.ResponseWriter, status int, e *APIError) {
	writeJSON(w, status, e)
}

func unknownChannel(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, CodeUnknownChannel, "Unknown Channel")
}

func unknownMessage(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, CodeUnknownMessage, "Unknown Message")
}

func unknownWebhook(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, CodeUnknownWebhook, "Unknown Webhook")
}

func unknownCommand(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, CodeUnknownApplicationCommand, "Unknown application command")
}

func unknownInteraction(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, CodeUnknownInteraction, "Unknown interaction")
}

func invalidJSON(w http.ResponseWriter) {
	writeError(w, http.StatusBadRequest, CodeInvalidJSON, "The request body contains invalid JSON.")
}

func unauthorized(w http.ResponseWriter) {
	writeError(w, http.StatusUnauthorized, CodeGeneral, "401: Unauthorized")
}
