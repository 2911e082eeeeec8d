package topics

// Words next to which the Korean abbreviation 북 names North Korea: 북 is
// also a drum and, in loanwords, a book (북 콘서트).
var northKoreaContextKo = []string{
	"미사일*", "탄도*", "발사*", "시험발사*", "핵*", "ICBM*", "SLBM*", "도발*", "군사*", "무력*", "포격*",
	"정찰위성*", "위성*", "해커*", "해킹*", "사이버*", "제재*", "비핵화*", "김정은*", "김여정*", "노동당*",
	"외무성*", "국방성*", "담화*", "정권*", "당국*", "대화*", "정상회담*", "회담*", "주민*", "매체*",
}

// Names returns the table of names written across scripts that the
// watch-topics need: the countries, people, places, organisations and
// weapon systems their stories name, each as a concept of kind name. The
// tagger adds every country's CLDR names to the country concepts. Each
// call returns fresh values.
func Names() []Concept {
	return []Concept{
		// Countries.
		country("north-korea", "North Korea", "KP",
			en("North Korea*", "DPRK", "D.P.R.K."),
			fr("Corée du Nord", "nord-coréen*"),
			de("Nordkorea*", "nordkoreanisch*"),
			es("Corea del Norte", "norcorean*"),
			pt("Coreia do Norte", "norte-corean*"),
			it("Corea del Nord", "nordcorean*", "nord-corean*"),
			tr("Kuzey Kore*"),
			ru("КНДР", "Северн* Коре*", "северокорейск*"),
			uk("КНДР", "Північн* Коре*", "північнокорейськ*"),
			zh("朝鲜", "朝鮮", "北韩", "北韓"),
			ja("北朝鮮"),
			// 대북 ("towards the North"): 대북정책, 대북제재, 대북특사.
			ko("북한", "북핵", "조선민주주의인민공화국", "대북", "북·미", "북미 정상*", "북미 대화", "북미 협상", "북·중", "북·러", "북·일",
				guarded("北", Guard{Whole: true, OnlyLang: true}),
				guarded("북", Guard{Whole: true, OnlyLang: true, Near: northKoreaContextKo, Window: 3})),
			ar("كوريا الشمالية"),
			fa("کره شمالی"),
			ur("شمالی کوریا"),
			hi("उत्तर कोरिया*"),
		),
		country("south-korea", "South Korea", "KR",
			en("South Korea*"),
			ru("Южн* Коре*"),
			zh("韩国", "韓國"),
			ja("韓国"),
			ko("한국", "대한민국"),
		),
		country("iran", "Iran", "IR",
			en("Iran*"),
			es("Irán"),
			pt("Irã"),
			tr("İran*"),
			ru("Иран*"),
			uk("Іран*"),
			zh("伊朗"),
			ja("イラン"),
			// 이란 is also the ending "that is called" (-이란), written apart
			// after a quote or by a careless hand: not before the nouns that
			// ending introduces ("이란 말", "이란 무엇인가", "이란 이유로").
			// Hangul words match as prefixes, so each is one that no Iran
			// story begins (not 이란 사실, which begins 사실상).
			ko(guarded("이란", Guard{NotIn: []string{"이란 말", "이란 것", "이란 이름", "이란 뜻", "이란 단어", "이란 표현", "이란 의미",
				"이란 개념", "이란 용어", "이란 무엇", "이란 뭘까", "이란 뭔가", "이란 사실을", "이란 사실이", "이란 사실에",
				"이란 점을", "이란 점에서", "이란 점이", "이란 이유", "이란 명목", "이란 구실", "이란 제목", "이란 소리", "이란 생각"}})),
			ar("الإيراني*", "لإيران", "وإيران"),
			fa("ایران*"),
			hi("ईरान*"),
		),
		country("united-states", "United States", "US",
			en(Term{Text: "US", Case: true}, Term{Text: "U.S.", Case: true}, Term{Text: "USA", Case: true}),
			ko("미국", "美國",
				guarded("美", Guard{Whole: true, OnlyLang: true}),
				guarded("미", Guard{Whole: true, OnlyLang: true}),
				"한미", "한·미", "미·중", "미중", "미·일", "북·미", "북미 정상*", "북미 대화", "북미 협상", "한미일", "한·미·일"),
			ja("米国", guarded("米", Guard{Whole: true, OnlyLang: true})),
			zh("美国", "美國"),
		),
		country("china", "China", "CN",
			ko("중국",
				guarded("中", Guard{Whole: true, OnlyLang: true}),
				"미·중", "미중", "한·중", "한중", "북·중", "북중", "중·러", "중러", "중·일",
				"중 외교부", "중 정부", "중 국방부", "중 관영*", "중 당국", "중 매체"),
			ja("中国", guarded("中", Guard{Whole: true, OnlyLang: true, Near: []string{"首脳", "政府", "外務省", "国防省", "軍", "当局"}, Window: 2})),
		),
		country("japan", "Japan", "JP",
			ko("일본",
				guarded("日", Guard{Whole: true, OnlyLang: true}),
				"한·일", "한일", "미·일", "북·일", "북일", "중·일", "한미일", "한·미·일",
				"일 정부", "일 외무성", "일 총리", "일 방위성", "일 자위대"),
		),
		country("russia", "Russia", "RU",
			ko("러시아", guarded("露", Guard{Whole: true, OnlyLang: true}), "중·러", "중러", "북·러", "북러"),
		),
		country("ukraine", "Ukraine", "UA",
			ko("우크라이나", "우크라"),
		),

		// Capitals and places.
		name("pyongyang", "Pyongyang", ClassPlace,
			en("Pyongyang"),
			de("Pjöngjang"),
			ru("Пхеньян*"),
			uk("Пхеньян*"),
			zh("平壤"),
			ja("平壌"),
			ko("평양"),
			ar("بيونغ يانغ"),
			fa("پیونگ یانگ"),
			ur("پیانگ یانگ"),
			hi("प्योंगयांग"),
		),
		name("yongbyon", "Yongbyon", ClassPlace,
			en("Yongbyon"), ru("Йонбён*", "Ёнбён*"), zh("宁边", "寧邊"), ja("寧辺"), ko("영변"),
		),
		name("punggye-ri", "Punggye-ri", ClassPlace,
			en("Punggye*"), ru("Пхунгери"), zh("丰溪里", "豐溪里"), ja("豊渓里"), ko("풍계리"),
		),
		name("sohae", "Sohae", ClassPlace,
			en("Sohae"), ko("서해위성발사장", "동창리"), zh("西海卫星发射场"), ja("東倉里"),
		),
		name("kaesong", "Kaesong", ClassPlace,
			en("Kaesong"), ru("Кэсон*"), zh("开城", "開城"), ko("개성공단"),
		),
		name("sea-of-japan", "Sea of Japan (East Sea)", ClassPlace,
			en("Sea of Japan", "East Sea"),
			ru("Японск* мор*"),
			uk("Японськ* мор*"),
			zh("日本海"),
			ja("日本海"),
			ko(guarded("동해", Guard{NotIn: []string{"동해시", "동해안", "동해선", "동해고속도로"}})),
			de("Japanisch* Meer*"),
			fr("mer du Japon"),
		),
		name("hokkaido", "Hokkaido", ClassPlace,
			en("Hokkaido"), ru("Хоккайдо"), zh("北海道"), ja("北海道"), ko("홋카이도"),
		),
		name("strait-of-hormuz", "Strait of Hormuz", ClassPlace,
			en("Strait of Hormuz", "Hormuz Strait"), ru("Ормузск* пролив*"), zh("霍尔木兹海峡"), ja("ホルムズ海峡"),
			ko("호르무즈 해협", "호르무즈해협"), ar("مضيق هرمز"), fa("تنگه هرمز"),
		),
		name("natanz", "Natanz", ClassPlace,
			en("Natanz"), ru("Натанз*"), zh("纳坦兹"), ja("ナタンズ"), ko("나탄즈"), fa("نطنز"),
		),
		name("fordow", "Fordow", ClassPlace,
			en("Fordow", "Fordo"), ru("Фордо"), zh("福尔多"), ja("フォルドゥ"), ko("포르도"), fa("فردو"),
		),
		name("novaya-zemlya", "Novaya Zemlya", ClassPlace,
			en("Novaya Zemlya"), ru("Нов* Земл*"), ja("ノヴァヤゼムリャ"),
		),

		// People.
		name("kim-jong-un", "Kim Jong Un", ClassPerson,
			en("Kim Jong Un"),
			ru("Ким Чен Ын*"),
			uk("Кім Чен Ин*"),
			zh("金正恩"),
			ja("金正恩", "キム・ジョンウン"),
			ko("김정은"),
			ar("كيم جونغ أون"),
			fa("کیم جونگ اون"),
			hi("किम जोंग उन"),
		),
		name("kim-yo-jong", "Kim Yo Jong", ClassPerson,
			en("Kim Yo Jong"), ru("Ким Ё Чжон*"), zh("金与正", "金與正"), ja("金与正"), ko("김여정"),
		),
		name("kim-jong-il", "Kim Jong Il", ClassPerson,
			en("Kim Jong Il"), ru("Ким Чен Ир*"), zh("金正日"), ja("金正日"), ko("김정일"),
		),
		name("khamenei", "Ali Khamenei", ClassPerson,
			en("Khamenei"), ru("Хаменеи"), zh("哈梅内伊"), ja("ハメネイ"), ko("하메네이"), fa("خامنه‌ای"), ar("خامنئي"),
		),
		name("rafael-grossi", "Rafael Grossi", ClassPerson,
			en("Rafael Grossi", "Grossi"), ru("Гросси"), zh("格罗西"), ja("グロッシ"), ko("그로시"),
		),

		// Organisations.
		name("kcna", "KCNA (Korean Central News Agency)", ClassOrganization,
			en("KCNA", "Korean Central News Agency"),
			ru("ЦТАК"),
			zh("朝中社"),
			ja("朝鮮中央通信"),
			ko("조선중앙통신", "조선중앙TV"),
		),
		name("rodong-sinmun", "Rodong Sinmun", ClassOrganization,
			en("Rodong Sinmun"), ru("Нодон синмун"), zh("劳动新闻", "勞動新聞"), ja("労働新聞"), ko("노동신문"),
		),
		name("iaea", "IAEA", ClassOrganization,
			anyLang("IAEA"),
			ru("МАГАТЭ"),
			uk("МАГАТЕ"),
			zh("国际原子能机构", "國際原子能總署"),
			ja("国際原子力機関"),
			ko("국제원자력기구"),
			ar("الوكالة الدولية للطاقة الذرية"),
			fa("آژانس بین‌المللی انرژی اتمی"),
		),

		// Weapon systems.
		name("hwasong", "Hwasong missiles", ClassWeapon,
			en("Hwasong*"),
			ru("Хвасон*"),
			zh(guarded("火星", Guard{Near: []string{"导弹", "導彈", "洲际", "洲際", "发射", "發射", "朝鲜", "朝鮮"}})),
			ja(guarded("火星", Guard{Near: []string{"ミサイル", "発射", "北朝鮮", "ICBM"}})),
			ko("화성포", guarded("화성", Guard{Near: []string{"미사일*", "탄도*", "ICBM*", "발사*", "시험발사*", "대륙간*", "북한*", "북*"}, Window: 3})),
		),
		name("pukguksong", "Pukguksong missiles", ClassWeapon,
			en("Pukguksong*"), ko(guarded("북극성", Guard{Near: []string{"미사일*", "SLBM*", "탄도*", "발사*"}, Window: 3})),
		),
		name("taepodong", "Taepodong missiles", ClassWeapon,
			en("Taepodong*"), ru("Тэпходон*"), zh("大浦洞"), ja("テポドン"), ko("대포동"),
		),
		name("iskander", "Iskander missiles", ClassWeapon,
			en("Iskander*"), ru("Искандер*"), uk("Іскандер*"), ko("이스칸데르"),
		),
		name("kinzhal", "Kinzhal missiles", ClassWeapon,
			en("Kinzhal"), ru(guarded("Кинжал*", Guard{Near: []string{"ракет*", "гиперзвук*", "удар*", "МиГ*", "комплекс*"}})), uk("Кинджал*"), ko("킨잘"),
		),
		name("oreshnik", "Oreshnik missiles", ClassWeapon,
			en("Oreshnik"), ru("Орешник*"), uk("Орєшнік*", "Орешнік*"), ko("오레시니크"),
		),
		name("kalibr", "Kalibr missiles", ClassWeapon,
			en("Kalibr"),
			// Not калибр, a gun's calibre.
			ru(guarded("Калибр*", Guard{Near: []string{"ракет*", "крылат*", "пуск*", "удар*", "комплекс*", "корабл*"}})),
			uk(guarded("Калібр*", Guard{Near: []string{"ракет*", "крилат*", "пуск*", "удар*", "комплекс*", "корабл*"}})),
		),
		name("sarmat", "Sarmat missiles", ClassWeapon,
			en("Sarmat"), ru(guarded("Сармат*", Guard{Near: []string{"ракет*", "МБР", "комплекс*", "испытани*", "пуск*"}})),
		),
		name("thaad", "THAAD missile defence", ClassWeapon,
			anyLang("THAAD"), ko(guarded("사드", Guard{Whole: true})), zh("萨德", "薩德"),
		),
	}
}

// namesByID returns the named concepts of the table, in the order asked;
// it panics on an unknown id, which the tests catch.
func namesByID(ids ...string) []Concept {
	all := Names()
	out := make([]Concept, 0, len(ids))
	for _, id := range ids {
		found := false
		for _, c := range all {
			if c.ID == id {
				out = append(out, c)
				found = true
				break
			}
		}
		if !found {
			panic("topics: no name " + id)
		}
	}
	return out
}
