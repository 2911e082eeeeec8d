// Package chart draws the charts wirewatch posts: a topic's stories over
// the last days, one line per language, as a small PNG image. It is the
// only package that uses gonum.org/v1/plot.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/wirewatch/wirewatch"
)

// Size of a chart: 16 x 8 cm at 96 dots per inch, about 600 x 300 pixels.
const (
	width  = 16 * vg.Centimeter
	height = 8 * vg.Centimeter
	dpi    = 96
)

// MaxLanguages is how many languages get a line of their own; the others
// are drawn together as "other".
const MaxLanguages = 6

// FileName is the name charts are uploaded under, for attachment://.
const FileName = "trend.png"

// palette colours the lines, easy to tell apart (Okabe and Ito).
var palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, {0xd5, 0x5e, 0x00, 0xff}, {0x00, 0x9e, 0x73, 0xff},
	{0xcc, 0x79, 0xa7, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x56, 0xb4, 0xe9, 0xff},
	{0x77, 0x77, 0x77, 0xff},
}

// Fold keeps the MaxLanguages languages with the most stories and adds the
// others up as "other", most stories first.
func Fold(series []wirewatch.TrendSeries) []wirewatch.TrendSeries {
	if len(series) <= MaxLanguages+1 {
		return series
	}
	out := append([]wirewatch.TrendSeries(nil), series[:MaxLanguages]...)
	other := wirewatch.TrendSeries{Language: "other"}
	for _, s := range series[MaxLanguages:] {
		for i, c := range s.Counts {
			for len(other.Counts) <= i {
				other.Counts = append(other.Counts, 0)
			}
			other.Counts[i] += c
		}
	}
	return append(out, other)
}

// PNG draws a trend as a PNG image: stories per step against time, a line
// per language (see Fold), with a legend.
func PNG(t wirewatch.Trend) ([]byte, error) {
	if t.Step <= 0 {
		return nil, errors.New("chart: trend has no step")
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: stories per %s, last %s", titleOf(t), span(t.Step), span(t.Step*time.Duration(steps(t))))
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Marker = plot.TimeTicks{Format: "Jan 2", Time: func(v float64) time.Time { return time.Unix(int64(v), 0).UTC() }}
	p.Y.Min = 0
	p.Y.Tick.Marker = integerTicks{}
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	for i, s := range Fold(t.Series) {
		pts := make(plotter.XYs, len(s.Counts))
		for j, c := range s.Counts {
			pts[j].X = float64(t.Start.Add(time.Duration(j) * t.Step).Unix())
			pts[j].Y = float64(c)
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("chart: %s: %w", s.Language, err)
		}
		line.Color = palette[min(i, len(palette)-1)]
		line.Width = vg.Points(1.5)
		p.Add(line)
		p.Legend.Add(s.Language, line)
	}
	if len(t.Series) == 0 {
		// An empty chart still shows its span.
		p.X.Min = float64(t.Start.Unix())
		p.X.Max = float64(t.Start.Add(t.Step * 28).Unix())
		p.Y.Max = 1
	}
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))}
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// titleOf names the trend's topic.
func titleOf(t wirewatch.Trend) string {
	if t.Name != "" {
		return t.Name
	}
	return t.Topic
}

// steps returns how many steps the longest series has.
func steps(t wirewatch.Trend) int {
	n := 0
	for _, s := range t.Series {
		n = max(n, len(s.Counts))
	}
	return n
}

// span writes a duration as people say it: "6 hours", "7 days".
func span(d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		if d == 24*time.Hour {
			return "day"
		}
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	case d >= time.Hour && d%time.Hour == 0:
		if d == time.Hour {
			return "hour"
		}
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	return d.String()
}

// integerTicks marks whole numbers of stories only.
type integerTicks struct{}

// Ticks returns ticks at whole numbers between min and max.
func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value == float64(int64(t.Value)) {
			out = append(out, t)
		}
	}
	return out
}
