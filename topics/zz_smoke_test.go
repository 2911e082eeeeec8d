package topics

import (
	"fmt"
	"testing"
)

func TestSmoke(t *testing.T) {
	m, warns, err := Compile([]Spec{
		{ID: "p1", Include: "north-korea"},
		{ID: "p2", Include: "nuclear-weapons"},
		{ID: "p3", Include: "ballistic-missiles"},
		{ID: "q", Query: `(ICBM* OR "ballistic missile*") AND (Korea* OR DPRK) AND NOT game*`},
		{ID: "n", Query: `Korea* NEAR/2 missile*`},
		{ID: "c", Any: []Term{{Text: "US", Case: true}}},
	})
	fmt.Println(warns, err)
	for _, d := range []Doc{
		{Title: "North-Korea's ICBM launch", Text: "Pyongyang fired a ballistic missile, the U.S. said."},
		{Title: "[정동칼럼]북한이 생각하는 ‘비핵화 방식’"},
		{Title: "科技爱好者周刊（第 373 期）：数据模型是新产品的核心"},
		{Title: "[职场话题] 面试造核弹，入职拧螺丝"},
		{Title: "Let us go to the US"},
		{Title: "Korea fired one missile"},
	} {
		fmt.Printf("%+v\n", m.Match(d))
	}
}
