package topics

import (
	"strings"
	"testing"
)

// guardCases hold, for each guard of the built-in packs and of the table
// of names, a story the guarded term must count in and the near misses it
// guards against. pack is a pack id, or "" for the tagger's concept.
var guardCases = []struct {
	guard, pack, concept string
	lang, title, text    string
	want                 bool
}{
	// 北 alone in a Korean story is North Korea, not 北京 or 南北.
	{"北 whole", "north-korea", "north-korea", "ko", "北, 동해상으로 탄도미사일 발사", "", true},
	{"北 whole", "north-korea", "north-korea", "ko", "北京 올림픽 개막", "", false},
	{"北 whole", "north-korea", "north-korea", "ko", "東北아시아 평화 포럼", "", false},
	{"北 Korean only", "north-korea", "north-korea", "zh", "北 风", "", false},
	// 북 alone beside a military or political word; not a drum or a book.
	{"북 near", "north-korea", "north-korea", "ko", "북, 7차 핵실험 준비 끝내", "", true},
	{"북 near", "north-korea", "north-korea", "ko", "“북 추가 도발 가능성 주시”", "", true},
	{"북 near", "north-korea", "north-korea", "ko", "북 콘서트에 초대합니다", "", false},
	{"북 near", "north-korea", "north-korea", "ko", "북 치는 소년 공연", "", false},
	{"북 whole", "north-korea", "north-korea", "ko", "북극 한파 몰려온다, 미사일 같은 속도로", "", false},
	{"북 whole", "north-korea", "north-korea", "ko", "북마케도니아 총리 회담, 군사 협력 논의", "", false},
	// 이란 is Iran, not the ending "that is called" after a quote, nor in
	// "이란 말".
	{"이란 quote", "", "iran", "ko", "‘특수 군사작전’이란 구실로 침공", "", false},
	{"이란 quote", "", "iran", "ko", "“4분 동안의 긴 폭력”이란 제목으로", "", false},
	{"이란 not in", "", "iran", "ko", "평화 이란 말의 뜻", "", false},
	{"이란 not in", "", "iran", "ko", "이란 핵합의 파기 위기", "", true},
	{"이란 not in", "", "iran", "ko", "[단독]이란, 우라늄 농축 확대", "", true},
	{"이란 not in", "", "iran", "ko", "‘전쟁’ 이란 무엇인가", "", false},
	{"이란 not in", "", "iran", "ko", "‘안보’ 이란 명목으로 예산 증액", "", false},
	{"이란 not in", "", "iran", "ko", "‘가짜뉴스’ 이란 이유로 삭제", "", false},
	{"이란 not in", "", "iran", "ko", "이란 사실상 핵보유 문턱", "", true},
	{"이란 not in", "", "iran", "ko", "이란 점령지 철수 요구", "", true},
	// The ending glued to its noun is never Iran.
	{"이란 glued", "", "iran", "ko", "사랑이란 무엇인가", "", false},
	{"이란 glued", "", "iran", "ko", "전쟁이란 이름의 비극", "", false},
	// 핵 alone or ending a compound, not 핵심, 결핵 or nuclear power.
	{"핵 whole", "nuclear-weapons", "nuclear-weapon", "ko", "북한의 핵·미사일 위협", "", true},
	{"핵 suffix", "nuclear-weapons", "nuclear-weapon", "ko", "전략핵 시험발사에 총출동", "", true},
	{"핵 suffix", "nuclear-weapons", "nuclear-weapon", "ko", "전술핵을 재배치하라", "", true},
	{"핵 whole", "nuclear-weapons", "nuclear-weapon", "ko", "핵심 기술 유출", "", false},
	{"핵 not in", "nuclear-weapons", "nuclear-weapon", "ko", "결핵 환자 늘어", "", false},
	{"핵 not in", "nuclear-weapons", "nuclear-weapon", "ko", "한국형 핵 추진 잠수함 건조", "", false},
	{"핵 not in", "nuclear-weapons", "nuclear-weapon", "ko", "대통령 탄핵 소추안 가결", "", false},
	{"핵 not in", "nuclear-weapons", "nuclear-weapon", "ko", "독일 탈핵 정책 재검토", "", false},
	// Compounds that begin with 핵 and name the arsenal or its use.
	{"핵 prefix", "nuclear-weapons", "nuclear-weapon", "ko", "핵탑재 폭격기 한반도 전개", "", true},
	{"핵 prefix", "nuclear-weapons", "nuclear-weapon", "ko", "한미 핵공유 논의", "", true},
	{"핵 prefix", "nuclear-weapons", "nuclear-weapon", "ko", "핵가족 시대의 명절", "", false},
	{"핵 prefix", "nuclear-weapons", "nuclear-weapon", "ko", "핵항모 부산 입항", "", false},
	// 미사일 may end a compound.
	{"미사일 suffix", "ballistic-missiles", "missile", "ko", "극초음속미사일 발사", "", true},
	// 발사체 beside North Korea, not a space launcher.
	{"발사체 near", "ballistic-missiles", "missile", "ko", "북한, 동해상으로 발사체 발사", "", true},
	{"발사체 near", "ballistic-missiles", "missile", "ko", "누리호 발사체 개발 완료", "", false},
	// rocket* when fired or intercepted, not a space or sports rocket.
	{"rocket near", "ballistic-missiles", "missile", "en", "Hamas fired rockets at Tel Aviv", "", true},
	{"rocket near", "ballistic-missiles", "missile", "en", "Rocket Lab launches a satellite into orbit", "", false},
	{"rocket not near", "ballistic-missiles", "missile", "en", "Rocket fired into space by private firm", "", false},
	// 火箭 beside North Korea or a barrage from Gaza, not a space launcher.
	{"火箭 near", "ballistic-missiles", "missile", "zh", "联合国制裁朝鲜发射火箭", "", true},
	{"火箭 near", "ballistic-missiles", "missile", "zh", "哈马斯向以色列发射火箭弹", "", true},
	{"火箭 near", "ballistic-missiles", "missile", "zh", "长征五号火箭发射成功", "", false},
	{"火箭 not in", "ballistic-missiles", "missile", "zh", "朝鲜媒体报道中国运载火箭发射", "", false},
	// A leak of personal data, when someone broke in.
	{"개인정보 유출 near", "cyberattacks", "data-breach", "ko", "해킹으로 고객 개인정보 유출", "", true},
	{"개인정보 유출 near", "cyberattacks", "data-breach", "ko", "직원 실수로 개인정보 유출", "", false},
	// projectile* near North Korea or a launch.
	{"projectile near", "ballistic-missiles", "missile", "en", "North Korea fires unidentified projectile", "", true},
	{"projectile near", "ballistic-missiles", "missile", "en", "Projectile motion explained for students", "", false},
	// 화성 and 火星 as missiles, not Mars or Hwaseong city.
	{"화성 near", "north-korea", "hwasong", "ko", "화성-17형 대륙간탄도미사일 발사", "", true},
	{"화성 near", "", "hwasong", "ko", "화성 탐사 로버 착륙", "", false},
	{"화성 near", "", "hwasong", "ko", "경기 화성시 아파트 화재", "", false},
	{"火星 near", "", "hwasong", "zh", "朝鲜发射火星-17型导弹", "", true},
	{"火星 near", "", "hwasong", "zh", "火星探测器着陆", "", false},
	{"火星 near", "", "hwasong", "ja", "火星の探査機が着陸", "", false},
	// Кинжал, Сармат, Калибр as missiles, not a dagger, Sarmatians or a
	// calibre.
	{"Кинжал near", "ballistic-missiles", "kinzhal", "ru", "Удар ракетами «Кинжал» по Киеву", "", true},
	{"Кинжал near", "", "kinzhal", "ru", "Старинный кинжал выставили в музее", "", false},
	{"Сармат near", "ballistic-missiles", "sarmat", "ru", "Испытание ракеты «Сармат» прошло успешно", "", true},
	{"Сармат near", "", "sarmat", "ru", "Древние сарматы кочевали в степи", "", false},
	{"Калибр near", "ballistic-missiles", "kalibr", "ru", "Корабль выпустил крылатые ракеты «Калибр»", "", true},
	{"Калибр near", "", "kalibr", "ru", "ВСУ применили минометы калибром 120 мм", "", false},
	{"Калібр near", "", "kalibr", "uk", "Росія випустила «Калібри» з корабля, ракети збито", "", true},
	{"Калібр near", "", "kalibr", "uk", "Міномет калібру 82 мм", "", false},
	{"북극성 near", "", "pukguksong", "ko", "북극성-3형 SLBM 시험발사", "", true},
	{"북극성 near", "", "pukguksong", "ko", "밤하늘의 북극성 찾기", "", false},
	// 사드 is THAAD, not al-Sadr.
	{"사드 whole", "ballistic-missiles", "thaad", "ko", "사드 배치 논란 재점화", "", true},
	{"사드 whole", "ballistic-missiles", "thaad", "ko", "알 사드르 지지자들 의회 점거", "", false},
	// The verb "sanction" beside who is penalised, not approval.
	{"sanctioned near", "sanctions", "sanctions", "en", "Treasury sanctioned three Russian shipping firms", "", true},
	{"sanctioned near", "sanctions", "sanctions", "en", "Event officially sanctioned by the league", "", false},
	{"sanctioned not near", "sanctions", "sanctions", "en", "Court sanctioned the bill on UK firms", "", false},
	{"sanctioning near", "sanctions", "sanctions", "en", "EU is sanctioning oligarchs close to the Kremlin", "", true},
	{"sanctioning near", "sanctions", "sanctions", "en", "The committee is sanctioning a new stadium", "", false},
	// blacklisted by a government, not a website's blacklist.
	{"blacklist near", "sanctions", "sanctions", "en", "Treasury blacklists Russian banks", "", true},
	{"blacklist near", "sanctions", "sanctions", "en", "Washington blacklisted Chinese chipmakers", "", true},
	{"blacklist near", "sanctions", "sanctions", "en", "Spam filter blacklists new domains", "", false},
	{"blacklist near", "sanctions", "sanctions", "en", "Hollywood blacklist remembered", "", false},
	{"blacklist not near", "sanctions", "sanctions", "en", "EU adds Panama to tax haven blacklist", "", false},
	{"schwarze Liste near", "sanctions", "sanctions", "de", "USA setzen Reederei auf schwarze Liste", "", true},
	{"schwarze Liste near", "sanctions", "sanctions", "de", "EU setzt Panama auf schwarze Liste der Steueroasen", "", false},
	{"liste noire near", "sanctions", "sanctions", "fr", "Washington inscrit dix entreprises chinoises sur sa liste noire", "", true},
	{"liste noire near", "sanctions", "sanctions", "fr", "La liste noire des compagnies aériennes interdites dans l'UE", "", false},
	{"lista negra near", "sanctions", "sanctions", "es", "EEUU incluye a la petrolera en su lista negra", "", true},
	{"lista negra near", "sanctions", "sanctions", "es", "La UE saca a Panamá de su lista negra de paraísos fiscales", "", false},
	{"черный список near", "sanctions", "sanctions", "ru", "Минфин США внес банк в черный список", "", true},
	{"черный список near", "sanctions", "sanctions", "ru", "Черный список недобросовестных поставщиков обновлен", "", false},
	// 제재 is sanctions, 제재소 a sawmill.
	{"제재 not in", "sanctions", "sanctions", "ko", "대북 제재 강화", "", true},
	{"제재 not in", "sanctions", "sanctions", "ko", "제재소 화재로 2명 부상", "", false},
	{"제재 suffix", "sanctions", "sanctions", "ko", "정부, 대북제재 대상 추가 지정", "", true},
	{"제재 suffix", "sanctions", "sanctions", "ko", "미국의 금융제재를 피하려는 시도", "", true},
	{"제재 suffix", "sanctions", "sanctions", "ko", "원목제재소 가동 중단", "", false},
	// العقوبات, not the penal code قانون العقوبات.
	{"العقوبات not in", "sanctions", "sanctions", "ar", "العقوبات الأمريكية على إيران", "", true},
	{"العقوبات not in", "sanctions", "sanctions", "ar", "تعديل قانون العقوبات", "", false},
	// A price cap on oil, not on energy bills or bread.
	{"price cap near", "sanctions", "oil-price-cap", "en", "G7 agrees price cap on Russian oil", "", true},
	{"price cap near", "sanctions", "oil-price-cap", "en", "Energy price cap for households rises", "", false},
	{"Preisdeckel near", "sanctions", "oil-price-cap", "de", "Preisdeckel für russisches Öl beschlossen", "", true},
	{"Preisdeckel near", "sanctions", "oil-price-cap", "de", "Preisdeckel für Mieten gefordert", "", false},
	{"потолок цен near", "sanctions", "oil-price-cap", "ru", "Потолок цен на российскую нефть вступил в силу", "", true},
	{"ценовой потолок near", "sanctions", "oil-price-cap", "ru", "ЕС согласовал ценовой потолок для российской нефти", "", true},
	{"предельная цена near", "sanctions", "oil-price-cap", "ru", "G7 установила предельную цену на нефть из России", "", true},
	{"потолок цен near", "sanctions", "oil-price-cap", "ru", "Потолок цен на хлеб в регионе", "", false},
	{"ценовые ограничения near", "sanctions", "oil-price-cap", "ru", "Ценовые ограничения на российскую нефть продлены", "", true},
	{"ценовые ограничения near", "sanctions", "oil-price-cap", "ru", "Ценовые ограничения на лекарства", "", false},
	{"ценовой лимит near", "sanctions", "oil-price-cap", "ru", "Ценовой лимит на нефть из России снизят", "", true},
	{"ценовой лимит near", "sanctions", "oil-price-cap", "ru", "Ценовой лимит на такси", "", false},
	{"потолок стоимости near", "sanctions", "oil-price-cap", "ru", "Потолок стоимости российской нефти", "", true},
	{"потолок стоимости near", "sanctions", "oil-price-cap", "ru", "Потолок стоимости ипотеки", "", false},
	{"стеля цін near", "sanctions", "oil-price-cap", "uk", "Стеля цін на російську нафту знижена", "", true},
	{"стеля цін near", "sanctions", "oil-price-cap", "uk", "Стеля цін на житло в Києві", "", false},
	{"цінова стеля near", "sanctions", "oil-price-cap", "uk", "G7 знизила цінову стелю на російську нафту", "", true},
	{"цінова стеля near", "sanctions", "oil-price-cap", "uk", "Цінова стеля на хліб", "", false},
	{"限价 near", "sanctions", "oil-price-cap", "zh", "欧盟对俄油限价生效", "", true},
	{"限价 near", "sanctions", "oil-price-cap", "zh", "房价限价政策出台", "", false},
	{"价格上限 near", "sanctions", "oil-price-cap", "zh", "七国集团对俄罗斯石油设定价格上限", "", true},
	{"价格上限 near", "sanctions", "oil-price-cap", "zh", "药品价格上限调整", "", false},
	{"価格上限 near", "sanctions", "oil-price-cap", "ja", "ロシア産原油の価格上限を設定", "", true},
	{"上限価格 near", "sanctions", "oil-price-cap", "ja", "ロシア産原油の上限価格を引き下げ", "", true},
	{"上限価格 near", "sanctions", "oil-price-cap", "ja", "薬の上限価格を見直し", "", false},
	{"plafond de prix near", "sanctions", "oil-price-cap", "fr", "Le G7 abaisse le plafond de prix du brut russe", "", true},
	{"plafond de prix near", "sanctions", "oil-price-cap", "fr", "Un plafond de prix pour les loyers parisiens", "", false},
	{"prix plafond near", "sanctions", "oil-price-cap", "fr", "Un prix plafond pour le pétrole russe", "", true},
	{"prix plafond near", "sanctions", "oil-price-cap", "fr", "Un prix plafond pour le gaz des ménages", "", false},
	{"tope al precio near", "sanctions", "oil-price-cap", "es", "La UE fija un tope al precio del petróleo ruso", "", true},
	{"tope al precio near", "sanctions", "oil-price-cap", "es", "Tope al precio del alquiler en Cataluña", "", false},
	{"precio máximo near", "sanctions", "oil-price-cap", "es", "Precio máximo para el crudo ruso", "", true},
	{"precio máximo near", "sanctions", "oil-price-cap", "es", "Precio máximo de las mascarillas", "", false},
	{"límite de precio near", "sanctions", "oil-price-cap", "es", "Nuevo límite de precio al petróleo de Rusia", "", true},
	{"límite de precio near", "sanctions", "oil-price-cap", "es", "Límite de precio para el pan", "", false},
	{"tetto al prezzo near", "sanctions", "oil-price-cap", "it", "Il G7 abbassa il tetto al prezzo del petrolio russo", "", true},
	{"tetto al prezzo near", "sanctions", "oil-price-cap", "it", "Tetto al prezzo delle bollette della luce", "", false},
	{"teto de preço near", "sanctions", "oil-price-cap", "pt", "G7 reduz teto de preço do petróleo russo", "", true},
	{"teto de preço near", "sanctions", "oil-price-cap", "pt", "Teto de preço para remédios", "", false},
	{"preço máximo near", "sanctions", "oil-price-cap", "pt", "Preço máximo para o petróleo da Rússia", "", true},
	{"preço máximo near", "sanctions", "oil-price-cap", "pt", "Preço máximo do gás de cozinha", "", false},
	{"سقف سعر near", "sanctions", "oil-price-cap", "ar", "مجموعة السبع تخفض سقف سعر النفط الروسي", "", true},
	{"سقف سعر near", "sanctions", "oil-price-cap", "ar", "سقف سعر الخبز في الأسواق", "", false},
	{"سقف الأسعار near", "sanctions", "oil-price-cap", "ar", "سقف الأسعار على النفط الروسي", "", true},
	{"سقف الأسعار near", "sanctions", "oil-price-cap", "ar", "سقف الأسعار للأدوية", "", false},
	{"سقف لسعر near", "sanctions", "oil-price-cap", "ar", "وضع سقف لسعر النفط الروسي", "", true},
	{"سقف لسعر near", "sanctions", "oil-price-cap", "ar", "وضع سقف لسعر الإيجار", "", false},
	{"가격 상한제 near", "sanctions", "oil-price-cap", "ko", "러시아산 원유 가격 상한제 시행", "", true},
	{"가격 상한제 near", "sanctions", "oil-price-cap", "ko", "분양가 가격 상한제 폐지", "", false},
	{"가격상한제 near", "sanctions", "oil-price-cap", "ko", "러시아 원유 가격상한제 도입", "", true},
	{"가격상한제 near", "sanctions", "oil-price-cap", "ko", "분양가 가격상한제 적용", "", false},
	// "sanctions" of a state, not a sports body's penalty on a club.
	{"sanctions not near", "sanctions", "sanctions", "en", "EU extends sanctions on Russian banks", "", true},
	{"sanctions not near", "sanctions", "sanctions", "en", "UEFA sanctions club over fans' chants", "", false},
	{"Sanktion not near", "sanctions", "sanctions", "de", "Neue Sanktionen gegen Iran beschlossen", "", true},
	{"Sanktion not near", "sanctions", "sanctions", "de", "DFB verhängt Sanktionen gegen Verein nach Pyrotechnik", "", false},
	{"sanciones not near", "sanctions", "sanctions", "es", "Washington anuncia sanciones contra Caracas", "", true},
	{"sanciones not near", "sanctions", "sanctions", "es", "La FIFA anuncia sanciones al club por insultos racistas", "", false},
	{"санкции not near", "sanctions", "sanctions", "ru", "США ввели санкции против российских банков", "", true},
	{"санкции not near", "sanctions", "sanctions", "ru", "КДК наложил санкции на клуб после матча", "", false},
	// The snapback of UN sanctions on Iran, not a cap.
	{"snapback near", "sanctions", "sanctions", "en", "Europeans trigger UN snapback on Iran", "", true},
	{"snapback near", "sanctions", "sanctions", "en", "Snapback caps are back in fashion", "", false},
	// The EU's "restrictive measures", not curbs on gatherings.
	{"restrictive measures near", "sanctions", "restrictive-measures", "en", "EU adopts restrictive measures against Belarus officials", "", true},
	{"restrictive measures near", "sanctions", "restrictive-measures", "en", "City lifts restrictive measures on bars as infections fall", "", false},
	{"mesures restrictives near", "sanctions", "restrictive-measures", "fr", "L'UE prolonge les mesures restrictives contre la Russie", "", true},
	{"mesures restrictives near", "sanctions", "restrictive-measures", "fr", "La préfecture lève les mesures restrictives sur l'eau", "", false},
	{"medidas restrictivas near", "sanctions", "restrictive-measures", "es", "La UE renueva las medidas restrictivas contra Rusia", "", true},
	{"medidas restrictivas near", "sanctions", "restrictive-measures", "es", "Madrid levanta las medidas restrictivas por la sequía", "", false},
	{"restriktive Maßnahmen near", "sanctions", "restrictive-measures", "de", "EU verlängert restriktive Maßnahmen gegen Russland", "", true},
	{"restriktive Maßnahmen near", "sanctions", "restrictive-measures", "de", "Stadt lockert restriktive Maßnahmen für Gaststätten", "", false},
	{"ограничительные меры near", "sanctions", "restrictive-measures", "ru", "ЕС продлил ограничительные меры против России", "", true},
	{"ограничительные меры near", "sanctions", "restrictive-measures", "ru", "В Москве сняли ограничительные меры из-за гриппа", "", false},
	// A German "Hacker" who attacks, not a hobbyist.
	{"Hacker near", "cyberattacks", "cyberattack", "de", "Russische Hacker haben Daten des Ministeriums erbeutet", "", true},
	{"Hacker near", "cyberattacks", "cyberattack", "de", "Chaos Computer Club: Hacker treffen sich in Hamburg", "", false},
	// North Korea's "cyber activities".
	{"사이버 활동 near", "cyberattacks", "cyberattack", "ko", "북한, 사이버 활동으로 외화 벌어", "", true},
	{"사이버 활동 near", "cyberattacks", "cyberattack", "ko", "청소년 사이버 활동 교육 강화", "", false},
	// French "pirates" of computers, not of the sea.
	{"pirates near", "cyberattacks", "hacking", "fr", "Des pirates ont volé les données de 10 millions de clients", "", true},
	{"pirates near", "cyberattacks", "hacking", "fr", "Des pirates somaliens attaquent un cargo", "", false},
	// Hacking groups whose names have other senses.
	{"Sandworm near", "cyberattacks", "hacking-group", "en", "Sandworm hackers hit Ukraine's power grid again", "", true},
	{"Sandworm near", "cyberattacks", "hacking-group", "en", "Sandworm scene steals the show in new Dune film", "", false},
	{"Lazarus near", "cyberattacks", "hacking-group", "en", "FBI ties Lazarus to $600m crypto theft", "", true},
	{"Lazarus near", "cyberattacks", "hacking-group", "en", "Lazarus rises: Easter play at St Mary's church", "", false},
	{"Midnight Blizzard near", "cyberattacks", "hacking-group", "en", "Microsoft says Midnight Blizzard hackers accessed source code", "", true},
	{"Midnight Blizzard near", "cyberattacks", "hacking-group", "en", "Midnight blizzard closes roads across Minnesota", "", false},
	{"라자루스 near", "cyberattacks", "hacking-group", "ko", "북한 라자루스, 가상화폐 거래소 해킹", "", true},
	{"라자루스 near", "cyberattacks", "hacking-group", "ko", "뮤지컬 라자루스 국내 초연", "", false},
	{"ラザルス near", "cyberattacks", "hacking-group", "ja", "北朝鮮のラザルスが暗号資産を窃取", "", true},
	{"ラザルス near", "cyberattacks", "hacking-group", "ja", "映画ラザルスの新作公開", "", false},
	{"拉撒路 near", "cyberattacks", "hacking-group", "zh", "朝鲜黑客组织拉撒路窃取加密货币", "", true},
	{"拉撒路 near", "cyberattacks", "hacking-group", "zh", "圣经中拉撒路复活的故事", "", false},
	// Words of a nuclear test beside a nuclear or test-site word only.
	{"underground test near", "nuclear-tests", "nuclear-test", "en", "North Korea may conduct an underground test within weeks", "", true},
	{"underground test near", "nuclear-tests", "nuclear-test", "en", "Underground test of new metro trains begins", "", false},
	{"seismic event near", "nuclear-tests", "nuclear-test", "en", "Seismic event detected near Punggye-ri test site", "", true},
	{"seismic event near", "nuclear-tests", "nuclear-test", "en", "Seismic event rattles Los Angeles, no damage reported", "", false},
	{"explosive test near", "nuclear-tests", "nuclear-test", "en", "US has not conducted an explosive nuclear test since 1992", "", true},
	{"explosive test near", "nuclear-tests", "nuclear-test", "en", "Explosive test of new mining charges at quarry", "", false},
	{"натурные испытания near", "nuclear-tests", "nuclear-test", "ru", "Готовить натурные испытания ядерного оружия", "", true},
	{"натурные испытания near", "nuclear-tests", "nuclear-test", "ru", "Натурные испытания нового самолета завершены", "", false},
	{"Lop Nur near", "nuclear-tests", "nuclear-test-site", "en", "China expands Lop Nur nuclear test base", "", true},
	{"Lop Nur near", "nuclear-tests", "nuclear-test-site", "en", "Lop Nur desert reveals ancient mummies", "", false},
	{"artificial earthquake near", "nuclear-tests", "nuclear-test-site", "en", "Artificial earthquake detected in North Korea", "", true},
	{"artificial earthquake near", "nuclear-tests", "nuclear-test-site", "en", "Fracking blamed for artificial earthquake in Lancashire", "", false},
	{"罗布泊 near", "nuclear-tests", "nuclear-test-site", "zh", "罗布泊核试验基地扩建", "", true},
	{"罗布泊 near", "nuclear-tests", "nuclear-test-site", "zh", "罗布泊沙漠探险之旅", "", false},
	{"人工地震 near", "nuclear-tests", "nuclear-test-site", "ja", "北朝鮮で人工地震を観測", "", true},
	{"人工地震 near", "nuclear-tests", "nuclear-test-site", "ja", "人工地震の陰謀論を検証する", "", false},
	{"인공지진 near", "nuclear-tests", "nuclear-test-site", "ko", "북한 풍계리 인근서 인공지진 감지", "", true},
	{"인공지진 near", "nuclear-tests", "nuclear-test-site", "ko", "지열발전소 인공지진 논란", "", false},
	// hacked, not hacked to death; hack near systems and data, not a life
	// hack; German Hack near customers and data.
	{"hacked not in", "cyberattacks", "hacking", "en", "Ministry servers hacked overnight", "", true},
	{"hacked not in", "cyberattacks", "hacking", "en", "Brazil gang kills 31, many hacked to death", "", false},
	{"breached near", "cyberattacks", "hacking", "en", "Hospital systems breached by attackers", "", true},
	{"breached near", "cyberattacks", "hacking", "en", "Hackers breached the ministry's network", "", true},
	{"breached not near", "cyberattacks", "hacking", "en", "Russia breached the ceasefire, attackers say", "", false},
	{"breached near", "cyberattacks", "hacking", "en", "Levee breached as river floods town", "", false},
	{"hack near", "cyberattacks", "hacking", "en", "Hack of government email accounts traced", "", true},
	{"hack near", "cyberattacks", "hacking", "en", "A clever hack for cooking rice", "", false},
	{"Hack near", "cyberattacks", "hacking", "de", "British-Airways-Hack: weitere Kunden betroffen", "", true},
	{"Hack near", "cyberattacks", "hacking", "de", "Hack mit Zwiebeln anbraten", "", false},
	// embargo on a country, not a press embargo.
	{"embargo on not near", "sanctions", "embargo", "en", "UN keeps embargo on arms to Libya", "", true},
	{"embargo on not near", "sanctions", "embargo", "en", "Journalists agreed to an embargo on the report until Monday", "", false},
	// 제재 of a state, not a sports penalty.
	{"제재 not near", "sanctions", "sanctions", "ko", "유엔 안보리, 대북 제재 결의 채택", "", true},
	{"제재 not in", "sanctions", "sanctions", "ko", "프로농구 연맹, 폭언한 선수에 제재금 부과", "", false},
	{"제재 not near", "sanctions", "sanctions", "ko", "KBO, 승부조작 선수 영구 제재", "", false},
	// 해커, not a hackathon or the school 해커스.
	{"해커 not in", "cyberattacks", "hacking", "ko", "중국 해커 조직, 국내 기관 공격", "", true},
	{"해커 not in", "cyberattacks", "hacking", "ko", "청년 해커톤 개최", "", false},
	// взлом of systems, not a burglar's.
	{"взлом not near", "cyberattacks", "hacking", "ru", "Взлом серверов министерства", "", true},
	{"взлом not near", "cyberattacks", "hacking", "ru", "Кража со взломом квартиры в центре", "", false},
	// Trojaner as malware, not the people of Troy.
	{"Trojaner not near", "cyberattacks", "malware", "de", "Neuer Trojaner stiehlt Bankdaten", "", true},
	{"Trojaner not near", "cyberattacks", "malware", "de", "Homer erzählt, wie die Griechen die Trojaner besiegten", "", false},
	// quake*, not the game Quake or the Quakers; 地震 and 지진, not an
	// explosion's artificial quake.
	{"quake not in", "earthquakes", "earthquake", "en", "Quake of magnitude 5 hits Crete", "", true},
	{"quake not in", "earthquakes", "earthquake", "en", "Quake III Arena servers shut down", "", false},
	{"quake not near", "earthquakes", "earthquake", "en", "Quake is the shooter that made id Software", "", false},
	{"quake not in", "earthquakes", "earthquake", "en", "Quakers mark 350 years in Pennsylvania", "", false},
	{"地震 not in", "earthquakes", "earthquake", "ja", "北海道で地震、震度4", "", true},
	{"地震 not in", "earthquakes", "earthquake", "ja", "北朝鮮で人工地震を観測", "", false},
	{"지진 not in", "earthquakes", "earthquake", "ko", "경북 경주에서 규모 3.1 지진", "", true},
	{"지진 not in", "earthquakes", "earthquake", "ko", "북한 인공지진 감지", "", false},
	// tremor and 여진 near an earthquake; 海啸, not a financial tsunami.
	{"tremor near", "earthquakes", "earthquake", "en", "Tremor of magnitude 4.5 felt in Athens", "", true},
	{"tremor near", "earthquakes", "earthquake", "en", "Tremor in his hands worsened", "", false},
	{"여진 near", "earthquakes", "aftershock", "ko", "규모 4.1 여진 이어져", "", true},
	{"여진 near", "earthquakes", "aftershock", "ko", "여진족의 역사", "", false},
	{"海啸 not in", "earthquakes", "tsunami", "zh", "印尼发生海啸", "", true},
	{"海啸 not in", "earthquakes", "tsunami", "zh", "金融海啸冲击台湾", "", false},
	{"海嘯 not in", "earthquakes", "tsunami", "zh", "日本海嘯警報", "", true},
	{"海嘯 not in", "earthquakes", "tsunami", "zh", "金融海嘯衝擊", "", false},
	// A civil nuclear deal is not a weapons deal.
	{"nuclear deal not in", "nuclear-weapons", "nuclear-talks", "en", "Iran nuclear deal talks resume", "", true},
	{"nuclear deal not in", "nuclear-weapons", "nuclear-talks", "en", "U.S., Hungary sign civil nuclear deal", "", false},
	// 南北 alone in a Korean story.
	{"南北 whole", "north-korea", "inter-korean", "ko", "南北 정상회담 준비", "", true},
	{"南北 Korean only", "north-korea", "inter-korean", "zh", "南北 差异", "", false},
	// 동해, not the city of Donghae or the east coast.
	{"동해 not in", "", "sea-of-japan", "ko", "북, 동해상으로 미사일 발사", "", true},
	{"동해 not in", "", "sea-of-japan", "ko", "동해시 오징어 축제", "", false},
	// The countries' Korean and Japanese abbreviations.
	{"美 whole", "", "united-states", "ko", "美 국무부 “北 도발 규탄”", "", true},
	{"美 whole", "", "united-states", "ko", "美術館 개관", "", false},
	{"미 whole", "", "united-states", "ko", "미 국무부 대변인 브리핑", "", true},
	{"미 whole", "", "united-states", "ko", "미래 산업 전망", "", false},
	{"中 whole", "", "china", "ko", "中 외교부 “사드 3불 유지해야”", "", true},
	{"中 whole", "", "china", "ko", "中國 경제", "", true},
	{"中 whole", "", "china", "ko", "日中 정상회담", "", false},
	{"중 phrases", "", "china", "ko", "미·중 정상 통화", "", true},
	{"중 phrases", "", "china", "ko", "회의 중 휴대전화 사용", "", false},
	{"日 whole", "", "japan", "ko", "日 정부 강력 항의", "", true},
	{"日 digit", "", "japan", "ko", "5日 발표 예정", "", false},
	{"일 phrases", "", "japan", "ko", "한·일 정상회담", "", true},
	{"일 phrases", "", "japan", "ko", "일 년 만에 재개", "", false},
	{"露 whole", "", "russia", "ko", "露, 우크라 동부 공습", "", true},
	{"露 whole", "", "russia", "ko", "露天 시장", "", false},
	{"米 whole", "", "united-states", "ja", "米大統領が声明", "", false},
	{"米 whole", "", "united-states", "ja", "米、対中関税を発表", "", true},
	{"中 near", "", "china", "ja", "日中首脳会談", "", false},
	{"中 near", "", "china", "ja", "中、政府が発表", "", true},
	// CLDR names: a whole word in Kana and Hangul, never inside a longer
	// country name, case-sensitive where case exists.
	{"country whole", "", "india", "ja", "インドで選挙", "", true},
	{"country whole", "", "india", "ja", "インドネシアで地震", "", false},
	{"country not in", "", "india", "zh", "印度尼西亚发生地震", "", false},
	{"country not in", "", "guinea", "en", "Papua New Guinea votes", "", false},
	{"country case", "", "turkey", "en", "Turkey and Syria talks", "", true},
	{"country case", "", "turkey", "en", "Roast turkey recipes", "", false},
	{"country denied", "", "chad", "en", "Chad Smith drums", "", false},
}

func TestGuards(t *testing.T) {
	tagger, err := NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	packs := map[string]*Matcher{}
	for _, c := range guardCases {
		d := Doc{Title: c.title, Text: c.text, Language: c.lang}
		var hasConcept bool
		for _, h := range tagger.Tag(d) {
			if h.ID == c.concept {
				hasConcept = true
			}
		}
		if c.pack == "" {
			if hasConcept != c.want {
				t.Errorf("%s: Tag(%q, %s) has %s = %v, want %v", c.guard, c.title, c.lang, c.concept, hasConcept, c.want)
			}
			continue
		}
		m := packs[c.pack]
		if m == nil {
			m = mustCompile(t, Spec{ID: c.pack, Include: []string{c.pack}})
			packs[c.pack] = m
		}
		got := false
		for _, mt := range m.Match(d) {
			for _, h := range mt.Hits {
				if h.Concept == c.concept {
					got = true
				}
			}
		}
		if got != c.want {
			t.Errorf("%s: Match(%q, %s) hit %s = %v, want %v", c.guard, c.title, c.lang, c.concept, got, c.want)
		}
		if got != hasConcept {
			t.Errorf("%s: the tagger says %v for %s in %q, the pack %v", c.guard, hasConcept, c.concept, c.title, got)
		}
	}
}

// TestEveryGuardHasCases checks that every guarded term of the packs and
// the names table has a case above naming its word.
func TestEveryGuardHasCases(t *testing.T) {
	var names []string
	for _, c := range guardCases {
		names = append(names, c.guard)
	}
	all := strings.Join(names, "\n")
	for _, c := range Concepts() {
		for _, term := range c.Terms {
			if term.Guard == nil {
				continue
			}
			word := strings.TrimSuffix(strings.Fields(term.Text)[0], "*")
			if !strings.Contains(strings.ToLower(all), strings.ToLower(word)) {
				t.Errorf("guarded term %q of concept %s (%s) has no guard case", term.Text, c.ID, term.Lang)
			}
		}
	}
}
