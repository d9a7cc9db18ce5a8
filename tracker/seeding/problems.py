"""The problems realistic synthetic initiatives work on: per theme, who owns each and how it is said.

Plain data for `tracker.seeding.realistic`. A *problem* is one concrete thing administrations work on in an
area (homework help, lighting of paths); its *theme* is the broad label of the seed (uddannelse, tryghed),
its *related* theme the label another administration would as likely put on it. Each problem has a natural
owner administration and others that plausibly take part in it or start their own initiative on it.

Wording: the title and summary variants of one problem share specific stems with Danish near-words and
compounds (lektiecafé, lektiehjælp, lektiestøtte), so two initiatives on the same problem are phrased
differently but alike; problems of the same theme share only broad words (unge, beboere, børn). Which
housing association or local council works where is made up for the synthetic data, not a fact.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    key: str
    theme: str  # a theme slug of seed/01-reference.yaml
    related: str
    owner: str  # an administration code
    others: tuple[str, ...]  # administrations that also take part in it, or start their own initiative on it
    titles: tuple[str, ...]
    summaries: tuple[str, ...]
    housing: bool  # housing associations are partners on it


def _p(key: str, theme: str, related: str, owner: str, others: str, titles: str, *summaries: str,
       housing: bool = False) -> Problem:
    return Problem(key, theme, related, owner, tuple(others.split()), tuple(t.strip() for t in titles.split("|")),
                   summaries, housing)


PROBLEMS: tuple[Problem, ...] = (
    # --- tryghed
    _p("belysning", "tryghed", "drift-og-groenne-omraader", "TMF", "ØKF SOF",
       "Bedre belysning på stier og i gårde | Lys på stierne | Belysningsplan for mørke stier og passager"
       " | Ny belysning ved stier og indgange",
       "Mørke stier og passager får ny belysning, så beboerne tør gå hjem, når det er blevet mørkt.",
       "Belysningen langs stierne og i gårdene forbedres ud fra beboernes egne forslag.",
       "Flere lamper og bedre lys på stier og ved indgange skal fjerne de mørke kroge, der gør beboerne utrygge.",
       housing=True),
    _p("nattevandring", "tryghed", "boligsocialt-arbejde", "SOF", "BUF KFF",
       "Nattevandrere i weekenden | Frivillige nattevandringer | Voksne på gaden om aftenen og natten"
       " | Nattevandring med frivillige forældre",
       "Frivillige voksne går nattevandringer fredag og lørdag aften og er synlige, hvor de unge samles.",
       "Forældre og andre frivillige nattevandrere går rundt om natten i weekenden og taler med de unge på gaden.",
       "Grupper af frivillige voksne er på gaden om aftenen og natten, når uroen plejer at opstå.",
       housing=True),
    _p("tryghedsvandring", "tryghed", "boligsocialt-arbejde", "TMF", "SOF ØKF",
       "Tryghedsvandringer med beboere og politi | Tryghedsvandring og opfølgning | Vandringer om utrygge"
       " steder | Årlige tryghedsvandringer",
       "Beboere, boligselskab, politi og driftsfolk går tryghedsvandring sammen og peger på utrygge steder.",
       "På årlige tryghedsvandringer registreres utrygge steder, og driften følger op med små forbedringer.",
       "Tryghedsvandringerne kortlægger utrygge hjørner og gårde, og fundene samles i en fælles handleplan.",
       housing=True),
    _p("tryghedsmaaling", "tryghed", "byfornyelse", "ØKF", "TMF SOF",
       "Tryghedsundersøgelse blandt beboerne | Måling af tryghed og trivsel | Tryghedsindeks og lokale"
       " målinger | Spørgeskema om tryghed",
       "En årlig tryghedsundersøgelse med spørgeskema måler, hvor trygge beboerne føler sig.",
       "Lokale målinger af trygheden supplerer det byomfattende tryghedsindeks med et spørgeskema til beboerne.",
       "Beboerne svarer hvert år på et spørgeskema om tryghed og trivsel, og målingen bruges til at prioritere."),
    # --- beskaeftigelse
    _p("jobcafe", "beskaeftigelse", "boligsocialt-arbejde", "BIF", "SOF KFF",
       "Jobcafé i beboerhuset | Hjælp til jobsøgning og CV | Jobsøgningscafé for ledige beboere"
       " | Fremskudt jobvejledning",
       "Ledige beboere får hjælp til jobsøgning, ansøgninger og CV i en ugentlig jobcafé tæt på hjemmet.",
       "En jobkonsulent holder jobcafé to dage om ugen og hjælper ledige med jobsøgning og ansøgninger.",
       "Jobcaféen giver vejledning i jobsøgning og kontakt til lokale firmaer, som mangler folk.",
       housing=True),
    _p("virksomhedspraktik", "beskaeftigelse", "uddannelse", "BIF", "SOF ØKF",
       "Virksomhedspraktik for langtidsledige | Praktikforløb i lokale virksomheder | Praktik og løntilskud"
       " i virksomheder | Virksomhedsforløb med løntilskud",
       "Langtidsledige kommer i praktik i lokale virksomheder med en fast kontaktperson, der følger forløbet.",
       "Virksomhederne tilbyder praktikpladser og løntilskud til beboere, der har været længe uden arbejde.",
       "Et praktikforløb i en virksomhed skal give erfaring og referencer, der kan føre til ordinær ansættelse."),
    _p("fritidsjob", "beskaeftigelse", "boern-og-unge", "BUF", "BIF KFF SOF",
       "Fritidsjob til unge | Fritidsjobformidling for de 13-17-årige | Første fritidsjob med støtte"
       " | Fritidsjobguide for unge",
       "Unge mellem 13 og 17 år får hjælp til at finde og holde deres første fritidsjob i butikker og foreninger.",
       "En fritidsjobguide formidler kontakt mellem unge og lokale arbejdsgivere og støtter de første uger.",
       "Et fritidsjob giver de unge erfaring, egne penge og et netværk, og formidlingen hjælper dem i gang."),
    _p("groenne-job", "beskaeftigelse", "drift-og-groenne-omraader", "TMF", "BIF SOF",
       "Grønne job til unge beboere | Green Teams i gårdene | Unge i grønt arbejde | Grønne hold i udearealerne",
       "Unge beboere ansættes i korte forløb til at passe grønne arealer og lærer at møde til tiden.",
       "Hold af unge arbejder med beplantning og pleje af udearealerne og tager et første skridt mod job.",
       "De grønne hold giver unge lønnet arbejde i de grønne arealer med en voksen arbejdsleder.",
       housing=True),
    # --- ivaerksaetteri
    _p("ivaerksaetterkursus", "ivaerksaetteri", "beskaeftigelse", "ØKF", "BIF KFF",
       "Iværksætterkursus for beboere | Start din egen virksomhed | Iværksætterværksted og rådgivning"
       " | Kursus i at starte virksomhed",
       "Beboere med en forretningsidé lærer på et iværksætterkursus at lave budget og forretningsplan.",
       "Et iværksætterkursus over ti uger fører deltagerne fra idé til forretningsplan og egen virksomhed.",
       "Iværksætterværkstedet rådgiver nye iværksættere om forretningsplan, regnskab, skat og markedsføring."),
    _p("stueetager", "ivaerksaetteri", "byfornyelse", "TMF", "ØKF KFF",
       "Liv i de tomme butikslokaler | Erhverv i stueetagerne | Midlertidig udlejning af tomme butikker"
       " | Butiksgaden får nyt liv",
       "Tomme butikslokaler i stueetagerne lejes midlertidigt ud til små erhvervsdrivende og lokale foreninger.",
       "Butiksgaden får nyt liv, når ledige lokaler i stueetagen udlejes billigt til nystartede butikker.",
       "Ejere og boligselskaber samarbejder om at fylde tomme erhvervslokaler og skabe mere liv i gaden.",
       housing=True),
    _p("socialoekonomi", "ivaerksaetteri", "beskaeftigelse", "SOF", "BIF ØKF",
       "Socialøkonomiske virksomheder i lokalområdet | Socialøkonomisk café med arbejdspladser"
       " | Socialøkonomisk genbrugsbutik for udsatte borgere | Netværk for socialøkonomiske virksomheder",
       "Socialøkonomiske virksomheder får råd og hjælp, så de kan skabe arbejdspladser til borgere uden job.",
       "En socialøkonomisk café drives af lokale ildsjæle og giver udsatte borgere en arbejdsplads og et fællesskab.",
       "Netværket samler de socialøkonomiske virksomheder om fælles indkøb og salg, så de får plads til flere"
       " arbejdspladser."),
    # --- byfornyelse
    _p("omraadefornyelse", "byfornyelse", "drift-og-groenne-omraader", "ØKF", "TMF KFF SOF",
       "Områdefornyelse med borgerinddragelse | Kvarterløft med borgerne | Femårig områdefornyelse"
       " | Kvarterplan for fornyelse",
       "En femårig områdefornyelse løfter kvarteret fysisk og socialt i tæt dialog med borgerne og styregruppen.",
       "Kvarterplanen samler borgernes ønsker til fornyelse og fordeler midlerne fra byfornyelsen.",
       "Områdefornyelsen inddrager beboere, foreninger og erhvervsliv i at forny kvarteret over fem år."),
    _p("byrum", "byfornyelse", "kultur-og-fritid", "TMF", "ØKF KFF",
       "Nyt byrum ved pladsen | Torvet og pladsen får nyt liv | Byrum med bænke, træer og plads til ophold"
       " | Pladsen som mødested",
       "Pladsen indrettes med bænke, træer og vandkunst, så den bliver et byrum, hvor folk har lyst til at"
       " opholde sig.",
       "Beboerne er med til at udforme det nye byrum på torvet, med plads til marked, ophold og leg.",
       "Et slidt torv omdannes til et grønt byrum og mødested med siddepladser og plads til arrangementer."),
    _p("nye-forbindelser", "byfornyelse", "tryghed", "TMF", "ØKF",
       "Nye stier og forbindelser | Åbning af bebyggelsen mod omgivelserne | Nye veje gennem bebyggelsen"
       " | Forbindelser på tværs af jernbanen",
       "Bebyggelsen åbnes mod omgivelserne med nye forbindelser, veje og stier, så den ikke ligger isoleret.",
       "Nye forbindelser og stier for gående og cyklister binder bebyggelsen sammen med butikker og stationen.",
       "Blinde veje fjernes, og nye forbindelser gør det lettere at komme ind og ud af bebyggelsen."),
    # --- boligsocialt-arbejde
    _p("gaeldsraadgivning", "boligsocialt-arbejde", "beskaeftigelse", "SOF", "BIF",
       "Gældsrådgivning for beboere | Økonomisk rådgivning og hjælp med gæld | Rådgivning om gæld og budget"
       " | Fra gæld til overblik",
       "Beboere med gæld får gratis gældsrådgivning om afdrag og om at forhandle med kreditorer.",
       "Frivillige økonomer hjælper med budget, gæld og breve fra kreditorer i en ugentlig åben rådgivning.",
       "Gældsrådgivningen giver familier overblik over gæld og økonomi og hjælp til et realistisk budget.",
       housing=True),
    _p("bydelsmoedre", "boligsocialt-arbejde", "sundhed", "BIF", "SUF SOF",
       "Bydelsmødre i boligområdet | Bydelsmødre når isolerede kvinder | Uddannelse af nye bydelsmødre"
       " | Kvindenetværk med bydelsmødre",
       "Bydelsmødre opsøger kvinder, som sidder isoleret derhjemme, og fortæller om kommunens tilbud på deres"
       " eget sprog.",
       "Lokale kvinder uddannes til bydelsmødre og bliver bindeled mellem isolerede familier og kommunen.",
       "Bydelsmødrene holder netværksmøder for kvinder om sundhed, børneopdragelse og rettigheder.",
       housing=True),
    _p("beboerhus", "boligsocialt-arbejde", "kultur-og-fritid", "KFF", "SOF BUF",
       "Frivillige aktiviteter i beboerhuset | Beboerhuset som samlingssted | Flere frivillige i beboerhuset"
       " | Fællesspisning i beboerhuset",
       "Beboerhuset holder åbent flere aftener om ugen med aktiviteter, som frivillige beboere selv står for.",
       "Frivillige får hjælp til at starte klubber, fællesspisning og hobbyhold i beboerhuset.",
       "Et aktivt beboerhus med fællesspisning og frivillige hold giver naboerne flere steder at mødes.",
       housing=True),
    _p("udsaettelser", "boligsocialt-arbejde", "blandet-beboersammensaetning", "SOF", "BIF",
       "Forebyggelse af udsættelser | Hjælp før udsættelsen | Tidlig kontakt ved huslejerestancer"
       " | Bostøtte til lejere i risiko for udsættelse",
       "Boligselskabet og kommunen kontakter lejere tidligt, når huslejen ikke bliver betalt, så restancer"
       " og udsættelser undgås.",
       "Lejere i risiko for udsættelse får bostøtte og hjælp til at lægge en plan for restancerne.",
       "Et fast samarbejde om restancesager skal halvere antallet af udsættelser fra de almene boliger.",
       housing=True),
    # --- boern-og-unge
    _p("sprogstimulering", "boern-og-unge", "uddannelse", "BUF", "SUF KFF",
       "Sprogstimulering i dagtilbud | Sprogleg for de mindste | Tidlig sprogindsats i vuggestuen"
       " | Sprogstart i vuggestue og børnehave",
       "Pædagoger arbejder målrettet med sproget hos børn i vuggestue og børnehave, så flere er klar til"
       " skolestart.",
       "Forældre lærer at lege med sprog og læse højt, og børnehaven følger op med sprogleg hver dag.",
       "En tidlig sprogindsats i dagtilbuddene giver børnene et større ordforråd, inden de begynder i skole."),
    _p("familienetvaerk", "boern-og-unge", "sundhed", "SOF", "SUF BUF",
       "Familienetværk for sårbare familier | Støtte til sårbare familier | Familiecafé og forældrenetværk"
       " | Tidlig familiestøtte",
       "Sårbare familier mødes i et netværk, hvor de deler erfaringer og får råd fra sundhedsplejerske og"
       " familierådgiver.",
       "I familiecaféen møder forældre hinanden og får støtte til hverdagen med små børn.",
       "Tidlig familiestøtte skal forebygge, at problemer i hjemmet vokser sig store, gennem netværk og"
       " rådgivning.",
       housing=True),
    _p("klubtilbud", "boern-og-unge", "kriminalitetsforebyggelse", "BUF", "KFF SOF",
       "Klubtilbud for de 10-14-årige | Længere åbningstid i ungdomsklubben | Fritidsklub med opsøgende"
       " pædagoger | Ungdomsklubben i weekenden",
       "Ungdomsklubben holder længere åbent om aftenen og i weekenden, og klubpædagogerne er der for de unge.",
       "Klubpædagoger opsøger de børn og unge, der ikke kommer i klubben, og inviterer dem med.",
       "Fritidsklubben tilbyder faste aktiviteter efter skole og klubpædagoger at tale med for de 10-14-årige."),
    _p("ferieaktiviteter", "boern-og-unge", "kultur-og-fritid", "KFF", "BUF SOF",
       "Sommeraktiviteter for børn og unge | Ferieaktiviteter i sommerferien | Sommerlejr og ferieture"
       " | Aktiv sommer i gården",
       "I sommerferien arrangeres ture, sport og værksteder for børn, der ellers ikke kommer ud af kvarteret.",
       "Ferieaktiviteter i sommerferien og de andre skoleferier giver børn og unge udflugter og en sommerlejr.",
       "Gården og parken fyldes med sommeraktiviteter for familier, der bliver hjemme i sommerferien.",
       housing=True),
    # --- sundhed
    _p("sundhedsformidlere", "sundhed", "boligsocialt-arbejde", "SUF", "BIF SOF",
       "Sundhedsformidlere i boligområdet | Sundhedsinformation på flere sprog | Sundhedscafé med lokale"
       " formidlere | Sundhedsambassadører blandt beboerne",
       "Lokale sundhedsformidlere fortæller om kost, motion og forebyggelse på beboernes eget sprog.",
       "En sundhedscafé med lokale sundhedsformidlere giver beboerne viden om sygdomme og sundhedsvæsenet.",
       "Frivillige sundhedsambassadører bringer sundhedsinformation ud til naboer på deres eget sprog.",
       housing=True),
    _p("ensomhed-aeldre", "sundhed", "boligsocialt-arbejde", "SUF", "SOF KFF",
       "Fællesskab for ensomme ældre | Besøgsvenner til ældre beboere | Seniorklub for ældre"
       " | Mod ensomhed blandt ældre",
       "Ensomme ældre beboere, der sidder alene, får besøg af frivillige besøgsvenner.",
       "En seniorklub med kaffe, gymnastik og udflugter giver ensomme ældre et fast mødested.",
       "Hjemmeplejen og frivillige finder de ensomme ældre og hjælper dem i gang med nye aktiviteter.",
       housing=True),
    _p("madskole", "sundhed", "boern-og-unge", "SUF", "BUF KFF",
       "Madskole for børn og forældre | Sund mad i skolen | Madværksted og sunde madpakker"
       " | Kokkeskole for skolebørn",
       "Børn og forældre laver sund mad sammen og lærer om råvarer, madpakker og måltider på et lille budget.",
       "Madskolen lærer skolebørn at lave sund og billig mad og tage viden om kost med hjem.",
       "Et madværksted i skolen giver eleverne madglæde og sundere vaner sammen med familierne."),
    _p("mental-sundhed-unge", "sundhed", "boern-og-unge", "SOF", "SUF BUF",
       "Mental sundhed for unge | Samtaletilbud til unge i mistrivsel | Støtte mod angst og stress"
       " | Trivselsgrupper for unge",
       "Unge, der mistrives, kan få anonyme samtaler med en psykolog eller rådgiver tæt på, hvor de bor.",
       "Trivselsgrupper for unge med angst, stress og lavt selvværd, ledet af en psykolog og en ung frivillig.",
       "Unge frivillige og fagfolk støtter jævnaldrende i mistrivsel og henviser videre ved behov."),
    # --- kultur-og-fritid
    _p("bibliotek", "kultur-og-fritid", "uddannelse", "KFF", "BUF BIF",
       "Biblioteket som mødested | Læselyst og bogklubber på biblioteket | Biblioteket rykker ud"
       " | Åbent bibliotek med arrangementer",
       "Biblioteket holder arrangementer, bogklubber og højtlæsning for børn og voksne, der sjældent kommer der.",
       "Bibliotekarer tager ud i boligområdet med bøger og læsestof og hjælp til digital post.",
       "Et åbent bibliotek med længere åbningstider bliver et mødested for bøger, læsning og lektier."),
    _p("pigeidraet", "kultur-og-fritid", "sundhed", "KFF", "BUF SUF",
       "Idræt for piger | Flere piger i foreningslivet | Pigeidræt og foreningsliv | Pigeklub med sport og dans",
       "Piger, der ikke går til sport, får prøvetræning i dans, fodbold og svømning hos idrætsforeningerne.",
       "Foreningerne får hjælp til at lave hold, der passer til piger, og pigerne følges af en fast træner.",
       "Pigeidræt i hallen og i gården skal få flere piger ind i foreningslivet og holde dem der."),
    _p("kulturhus", "kultur-og-fritid", "boern-og-unge", "KFF", "BUF ØKF",
       "Kulturhuset for unge | Musik og scene i kulturhuset | Ungekultur og kreative værksteder"
       " | Kulturhusets åbne værksteder",
       "Kulturhuset åbner øvelokaler, scene og værksteder for unge, der selv vil lave musik, film og koncerter.",
       "Unge får plads og vejledning til at skabe kultur: koncerter, teater og udstillinger i kulturhuset.",
       "Kreative værksteder i kulturhuset giver unge mulighed for at prøve kræfter med musik og medier."),
    _p("kunst-i-byrummet", "kultur-og-fritid", "byfornyelse", "TMF", "KFF ØKF",
       "Kunst i byrummet | Gavlmalerier og kunst på facaderne | Kunstnere og beboere skaber kunst sammen"
       " | Lokal kunst i gårdene",
       "Kunstnere og beboere skaber sammen gavlmalerier og skulpturer, der giver kvarteret et nyt udtryk.",
       "Tomme facader og gavle bliver til kunstværker, udformet efter workshops med børn og voksne.",
       "Kunst på facader, i gårde og gader gør boligområdet mere imødekommende og giver beboerne ejerskab.",
       housing=True),
    # --- drift-og-groenne-omraader
    _p("byhaver", "drift-og-groenne-omraader", "kultur-og-fritid", "TMF", "KFF SOF",
       "Beboerhaver og byhaver | Fælles køkkenhave i gården | Byhave med højbede | Grønne gårde med dyrkning",
       "Beboerne dyrker grøntsager og blomster i højbede i fælles byhaver, som boligselskabet stiller plads til.",
       "En fælles køkkenhave i gården giver naboerne noget at samles om og lærer børn om dyrkning.",
       "Byhaven med højbede, hvor beboerne dyrker grøntsager, drives af en gruppe beboere og en gartner.",
       housing=True),
    _p("affald", "drift-og-groenne-omraader", "tryghed", "TMF", "SOF",
       "Mindre affald og storskrald | Renere gårde og friarealer | Affaldssortering og storskraldsordning"
       " | Oprydningsdage og renhold",
       "Nye affaldsøer, bedre sortering og faste storskraldsdage skal gøre gårde og friarealer renere.",
       "Beboere og driftspersonale holder fælles oprydningsdage, og henkastet affald og storskrald fjernes"
       " hurtigere.",
       "En ordning for storskrald og bedre renhold skal mindske rod og henkastet affald på friarealerne.",
       housing=True),
    _p("legepladser", "drift-og-groenne-omraader", "boern-og-unge", "BUF", "TMF KFF",
       "Fornyelse af legepladser | Nye legepladser i gårdene | Naturlegeplads i parken"
       " | Legepladser for alle aldre",
       "Slidte legepladser fornyes med nye legeredskaber, faldunderlag og bænke til forældrene.",
       "Børn og forældre er med til at udforme nye legepladser med aktiviteter for de større børn.",
       "En ny legeplads med træstammer, sand og vand gør parken til et sted, hvor børn leger trygt.",
       housing=True),
    # --- uddannelse
    _p("lektiehjaelp", "uddannelse", "kultur-og-fritid", "BUF", "KFF SOF",
       "Lektiecafé for skoleelever | Lektiehjælp efter skoletid | Lektiestøtte med frivillige"
       " | Lektiecafé og læsehjælp",
       "Frivillige og lærere hjælper skoleelever med lektier og læsning to eftermiddage om ugen.",
       "Børn, der ikke kan få hjælp til lektierne derhjemme, får lektiestøtte i et roligt lokale tæt på hjemmet.",
       "Lektiecaféen giver eleverne hjælp til opgaver og afleveringer og et sted at lave lektier sammen."),
    _p("skolevalg", "uddannelse", "blandet-beboersammensaetning", "BUF", "ØKF",
       "Flere vælger den lokale skole | Forældresamarbejde om skolevalg | Folkeskolen som førstevalg"
       " | Skoleambassadører blandt forældre",
       "Skolen inviterer nye forældre til åbent hus og fortæller om sin profil, så flere vælger den lokale"
       " folkeskole.",
       "Forældre med børn på skolen bliver skoleambassadører og fortæller andre forældre om skolen.",
       "En fælles plan for skolevalg skal få flere ressourcestærke forældre til at vælge den lokale skole."),
    _p("uddannelsesvejledning", "uddannelse", "beskaeftigelse", "BIF", "BUF SOF",
       "Vejen til en ungdomsuddannelse | Uddannelsesvejledning for unge ledige | Fastholdelse på"
       " erhvervsuddannelserne | Uddannelsesguide for unge",
       "Unge uden uddannelse får vejledning om erhvervsuddannelserne og hjælp til at søge ind og blive der.",
       "En uddannelsesvejleder følger unge ledige fra første samtale, til de er i gang på en erhvervsuddannelse.",
       "Forløbet skal mindske frafaldet på erhvervsuddannelserne med faste vejledningssamtaler."),
    _p("sprogcafe", "uddannelse", "beskaeftigelse", "KFF", "BIF SOF",
       "Sprogcafé for voksne | Dansk sprogtræning i hverdagen | Samtalecafé på dansk | Danskhjælp og sprogcafé",
       "Voksne, der er ved at lære dansk, øver sproget over en kop kaffe med frivillige i sprogcaféen.",
       "Sprogtræning i hverdagens situationer hjælper nye borgere med at tale dansk på jobbet og i skolen.",
       "Samtalecaféen giver voksne mulighed for at tale dansk med frivillige og få hjælp til breve og blanketter."),
    # --- kriminalitetsforebyggelse
    _p("gadeplan", "kriminalitetsforebyggelse", "boern-og-unge", "SOF", "BUF BIF",
       "Gadeplansarbejde for unge | Opsøgende gadeteam | Gademedarbejdere om aftenen"
       " | Opsøgende arbejde på gadeplan",
       "Gademedarbejdere opsøger unge, der hænger ud om aftenen, og bygger relationer, der fører væk fra"
       " kriminalitet.",
       "Et opsøgende gadeteam er på gaden i weekenderne og formidler kontakt til klubber og foreninger for unge.",
       "Gadeplansarbejdet opsøger de unge, som ikke bruger de almindelige tilbud, og følger dem tæt.",
       housing=True),
    _p("ssp", "kriminalitetsforebyggelse", "boern-og-unge", "BUF", "SOF KFF",
       "SSP-samarbejde om bekymrende adfærd | Tidlig hjælp ved bekymring for unge | SSP-netværk mellem skole,"
       " politi og sociale | Bekymringsmøder med forældre",
       "Skole, sociale myndigheder og politi mødes i SSP om børn med bekymrende adfærd og aftaler, hvem der tager"
       " kontakt.",
       "SSP-netværket holder bekymringsmøder med forældre, før de unges problemer bliver store.",
       "Tidlige SSP-samtaler med de unge og deres forældre skal forebygge, at de havner i et kriminelt"
       " miljø."),
    _p("mentor", "kriminalitetsforebyggelse", "beskaeftigelse", "BIF", "SOF BUF",
       "Mentorordning for unge på kanten | Mentorer til unge med plettet straffeattest | Job og mentor efter"
       " afsoning | Fra kriminalitet til job med mentor",
       "Unge med en dom får en mentor, der hjælper med job, uddannelse og nye venner efter afsoning.",
       "Frivillige mentorer og jobkonsulenter støtter unge med plettet straffeattest i at finde arbejde.",
       "Mentorordningen giver unge på kanten af kriminalitet en fast voksen og hjælp til at komme i job."),
    _p("haervaerk", "kriminalitetsforebyggelse", "drift-og-groenne-omraader", "TMF", "SOF",
       "Mindre hærværk og graffiti | Hurtig fjernelse af graffiti | Hærværk i opgange og kældre"
       " | Fælles front mod hærværk",
       "Graffiti og andet hærværk fjernes inden for et døgn, og ødelagte lamper og døre repareres hurtigt.",
       "Boligselskab og kommune registrerer hærværk og graffiti og sætter ind, hvor det sker oftest.",
       "Opgange og kældre sikres med bedre låse og hurtig reparation, så hærværk ikke breder sig.",
       housing=True),
    # --- blandet-beboersammensaetning
    _p("fleksibel-udlejning", "blandet-beboersammensaetning", "boligsocialt-arbejde", "ØKF", "SOF BIF",
       "Fleksibel udlejning af ledige boliger | Udlejning til boligsøgende i arbejde | Kombineret udlejning"
       " | Fortrinsret for boligsøgende med job",
       "Ved fleksibel udlejning går ledige boliger til boligsøgende i arbejde, så flere beboere med job flytter"
       " til.",
       "Kommunen og boligselskabet aftaler kombineret udlejning, så færre ledige boliger anvises til borgere uden"
       " arbejde.",
       "Boligsøgende med fast job får fortrinsret til ledige lejligheder ved fleksibel udlejning.",
       housing=True),
    _p("ungdomsboliger", "blandet-beboersammensaetning", "byfornyelse", "TMF", "ØKF",
       "Nye ungdomsboliger | Studieboliger i bebyggelsen | Ungdomsboliger på taget og i tomme lokaler"
       " | Boliger til unge under uddannelse",
       "Der bygges ungdomsboliger til studerende, så beboersammensætningen bliver mere blandet.",
       "Tomme erhvervslokaler og tagetager bliver til ungdomsboliger, der lejes ud til studerende.",
       "Nye ungdomsboliger skal tiltrække studerende og give kvarteret flere unge i uddannelse.",
       housing=True),
    _p("velkomst", "blandet-beboersammensaetning", "boligsocialt-arbejde", "BIF", "SOF KFF",
       "Velkomst til nye beboere | Velkomstpakke og naboguide | Nye naboer byder velkommen"
       " | Velkomstmøder for tilflyttere",
       "Nye beboere får besøg af en naboguide, der viser rundt og fortæller om foreninger og tilbud i nærheden.",
       "Velkomstmøder for tilflyttere skal få nye naboer til at falde til og blive boende.",
       "En velkomstpakke med kort, tilbud og kontakter hjælper nye beboere godt i gang i deres nye bolig.",
       housing=True),
)

# A second sentence some summaries end with: broad words only, shared across every problem.
CLOSING_SENTENCES = (
    "Beboerne inddrages fra starten.",
    "Erfaringerne deles med de andre udsatte byområder.",
    "Arbejdet følges i det boligsociale forum.",
    "Der gøres status hvert halve år.",
    "Tilbuddet er gratis for beboerne.",
)

# Words in a plan goal's title that make it fit a theme (the seed's goals: tryghed, job, skole, an open area).
THEME_GOAL_WORDS = {
    "tryghed": ("tryg",), "kriminalitetsforebyggelse": ("tryg",),
    "beskaeftigelse": ("job", "arbejde"), "ivaerksaetteri": ("job", "arbejde"),
    "uddannelse": ("skole", "start"), "boern-og-unge": ("start", "skole"),
    "byfornyelse": ("levende", "åbent", "sammenhæng"), "drift-og-groenne-omraader": ("levende", "attraktiv"),
    "blandet-beboersammensaetning": ("åbent", "attraktiv"), "kultur-og-fritid": ("levende", "åbent"),
}

# The policy's indsatsområder (by number) each theme belongs to.
THEME_POLICY_AREAS = {
    "boern-og-unge": 1, "uddannelse": 1, "beskaeftigelse": 2, "ivaerksaetteri": 2, "boligsocialt-arbejde": 3,
    "tryghed": 3, "kriminalitetsforebyggelse": 3, "sundhed": 3, "byfornyelse": 4, "drift-og-groenne-omraader": 4,
    "kultur-og-fritid": 4, "blandet-beboersammensaetning": 4,
}

# Outside partners by theme (organisation names of the seed), besides the housing associations.
THEME_ORGANISATIONS = {
    "tryghed": ("Københavns Politi",), "kriminalitetsforebyggelse": ("Københavns Politi", "Hotspot"),
    "boligsocialt-arbejde": ("Landsbyggefonden",),
}

# Housing associations and local council per area (by slug); made up for the synthetic data.
AREA_HOUSING = {
    "norrebro": ("Lejerbo", "fsb"), "amager-sundby": ("KAB", "3B"), "bispebjerg": ("AAB", "SAB"),
    "vesterbro-sydhavnen": ("SAB", "3B"), "husum-tingbjerg": ("fsb", "SAB"), "valby-vigerslev": ("AAB", "KAB"),
}
AREA_LOCAL_COUNCIL = {
    "norrebro": "Nørrebro Lokaludvalg", "amager-sundby": "Amager Vest Lokaludvalg",
    "bispebjerg": "Bispebjerg Lokaludvalg", "vesterbro-sydhavnen": "Kongens Enghave Lokaludvalg",
    "husum-tingbjerg": "Brønshøj-Husum Lokaludvalg", "valby-vigerslev": "Valby Lokaludvalg",
}
LOCAL_COUNCIL_THEMES = ("byfornyelse", "blandet-beboersammensaetning", "drift-og-groenne-omraader")
