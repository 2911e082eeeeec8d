package topics

func nuclearWeaponsPack() Spec {
	return Spec{
		ID:   "nuclear-weapons",
		Name: "Nuclear weapons and nuclear tests",
		Any: Terms(
			// English.
			"nuclear weapon*", "nuclear test*", "nuclear bomb*", "nuclear warhead*",
			"nuclear arsenal*", "nuclear missile*", "nuclear strike*", "nuclear attack*",
			"nuclear war", "nuclear deterren*", "nuclear-armed", "nuclear button",
			"nuclear program*", "atomic bomb*", "atom bomb*",
			"hydrogen bomb*", "H-bomb*", "denucleari*", "nukes", "Doomsday Clock",
			"non-proliferation", "nonproliferation", "weapons-grade",
			// Russian.
			"ядерн* оружи*", "ядерн* испытани*", "ядерн* бомб*", "ядерн* боеголов*",
			"ядерн* удар*", "ядерн* арсенал*", "ядерн* программ*", "ядерн* сдерживани*",
			"ядерн* войн*", "атомн* бомб*", "водородн* бомб*", "денуклеаризаци*",
			// Ukrainian.
			"ядерн* збро*", "ядерн* випробуван*", "ядерн* боєголов*", "ядерн* програм*",
			"ядерн* стримуван*", "воднев* бомб*", "денуклеаризац*",
			// Chinese: never bare 核, which is also "core" (核心).
			"核武", "核子武器", "核试验", "核試驗", "核弹", "核彈", "核计划", "核計劃",
			"核导弹", "核導彈", "原子弹", "原子彈", "氢弹", "氫彈", "无核化", "無核化",
			"核威慑", "核威懾", "核打击", "核打擊", "核按钮", "核爆",
			// Japanese.
			"核兵器", "核実験", "核弾頭", "核ミサイル", "核爆弾", "原子爆弾", "原爆", "水爆",
			"水素爆弾", "核開発", "核戦力", "核武装", "核抑止", "非核化", "核保有", "核攻撃",
			// Korean: never bare 핵, which begins 핵심 ("core").
			"핵무기", "핵실험", "핵탄두", "핵미사일", "핵폭탄", "원자폭탄", "수소폭탄", "핵개발",
			"핵무장", "핵보유", "핵위협", "핵공격", "핵전쟁", "비핵화", "핵억제", "핵능력",
			"핵 실험", "핵 무기", "핵 개발", "핵 위협", "핵 프로그램", "핵프로그램", "핵단추", "핵 단추",
			// Arabic.
			"أسلحة نووية", "الأسلحة النووية", "السلاح النووي", "سلاح نووي", "تجربة نووية",
			"تجارب نووية", "التجارب النووية", "قنبلة نووية", "القنبلة النووية", "رؤوس نووية",
			"الرؤوس النووية", "البرنامج النووي", "برنامج نووي", "الردع النووي", "القنبلة الذرية",
			// Persian.
			"سلاح هسته‌ای", "سلاح‌های هسته‌ای", "آزمایش هسته‌ای", "بمب هسته‌ای", "بمب اتمی",
			"برنامه هسته‌ای", "کلاهک هسته‌ای", "جنگ هسته‌ای", "بازدارندگی هسته‌ای",
			// Urdu.
			"جوہری ہتھیار*", "جوہری تجرب*", "جوہری پروگرام", "جوہری بم", "ایٹم بم", "ایٹمی ہتھیار*",
			"ایٹمی دھماک*",
			// French.
			"arme* nucléaire*", "essai* nucléaire*", "bombe* atomique*", "bombe* nucléaire*",
			"ogive* nucléaire*", "arsenal nucléaire", "programme nucléaire", "dissuasion nucléaire",
			"frappe* nucléaire*", "dénucléarisation",
			// German.
			"Atomwaffe*", "Atombombe*", "Atomtest*", "Atomrakete*", "Atomprogramm*",
			"Atomsprengk*", "Atommacht", "Atommächte", "Kernwaffe*", "Nuklearwaffe*",
			"Nukleartest*", "Wasserstoffbombe*", "Atomarsenal*", "Atomkrieg*", "Atomknopf",
			"nuklear* Abschreckung", "Denuklearisierung",
			// Spanish and Portuguese.
			"arma* nuclear*", "prueba* nuclear*", "ensayo* nuclear*", "bomba* atómica*",
			"bomba* nuclear*", "ojiva* nuclear*", "arsenal nuclear", "programa nuclear",
			"desnuclearización", "botón nuclear",
			"ensaio* nuclear*", "bomba* atômica*", "ogiva* nuclear*", "botão nuclear",
			"desnuclearização",
			// Italian (and Portuguese teste nuclear).
			"armi nuclear*", "test* nuclear*", "esperiment* nuclear*", "bomba atomica",
			"bombe atomiche", "programma nucleare", "arsenale nucleare", "denuclearizzazione",
			// Turkish.
			"nükleer silah*", "nükleer deneme*", "nükleer test*", "atom bomba*", "nükleer bomba*",
			"nükleer başlık*", "nükleer program*", "nükleer füze*", "nükleer saldırı*",
			// Hindi.
			"परमाणु हथियार*", "परमाणु परीक्षण*", "परमाणु बम", "परमाणु कार्यक्रम", "परमाणु मिसाइल*",
			"परमाणु हमल*", "परमाणु शस्त्र*", "न्यूक्लियर हथियार*", "एटम बम",
		),
		None: Terms(
			// Chinese idiom: "build nukes in the interview, tighten screws on
			// the job".
			"面试造核弹", "面試造核彈",
		),
	}
}
