"""Original demo content for `manage.py load_demo`: a fictional newsroom, written for Masthead."""

from datetime import time

NEWSROOM = {
    "name": "The Kyiv Ledger",
    "tagline": "Independent reporting on Ukraine and the region, from Kyiv",
    "about": (
        "The Kyiv Ledger is an independent, reader-funded newsroom in Kyiv that reports on Ukraine and its neighbours "
        "in English. We answer to our readers, not to any party, owner or government, and we say under a story what "
        "we corrected in it, and when."
    ),
    "contact_email": "newsroom@kyivledger.example",
    "accent_colour": "#b3261e",
    # Fictional, like the newsroom: editions print it (bulk-mail law asks for the sender's postal address).
    "postal_address": "1 Demo Lane, Kyiv 01001, Ukraine",
}

SECTIONS = [
    {
        "slug": "war",
        "title": "War",
        "description": (
            "Reporting on the full-scale war and its effect on soldiers, civilians, cities and the land itself."
        ),
    },
    {
        "slug": "politics",
        "title": "Politics",
        "description": "Parliament, government, reform and Ukraine’s path towards the European Union.",
    },
    {
        "slug": "business",
        "title": "Business",
        "description": (
            "The wartime economy: public finances, trade, energy costs and the people keeping businesses open."
        ),
    },
    {
        "slug": "opinion",
        "title": "Opinion",
        "description": (
            "Arguments from our columnists and guest writers, clearly labelled and separate from our news reporting."
        ),
    },
    {
        "slug": "culture",
        "title": "Culture",
        "description": "Theatre, books, film and the artists who keep making work in Ukraine and beyond.",
    },
]

CONTRIBUTORS = [
    {
        "slug": "the-news-desk",
        "kind": "desk",
        "name": "The Kyiv Ledger news desk",
        "role": "Breaking news and updates",
        "bio": (
            "Our news desk in Kyiv monitors official statements, regional authorities and our reporters across the "
            "country around the clock. Desk stories are written and edited by several members of staff."
        ),
        "x_handle": "",
        "website": "",
    },
    {
        "slug": "olena-marchenko",
        "kind": "person",
        "name": "Olena Marchenko",
        "role": "Kyiv correspondent",
        "bio": (
            "Olena Marchenko covers the capital, its politics and the daily life of its residents. She previously "
            "reported for a regional newspaper in Poltava and hosts our weekly newsletter, The Week Explained."
        ),
        "x_handle": "olenamarchenko_kl",
        "website": "",
    },
    {
        "slug": "taras-hrytsenko",
        "kind": "person",
        "name": "Taras Hrytsenko",
        "role": "Defence correspondent",
        "bio": (
            "Taras Hrytsenko reports on the armed forces, military medicine and the defence industry. Before joining "
            "The Kyiv Ledger he worked as a researcher on security policy."
        ),
        "x_handle": "thrytsenko",
        "website": "",
    },
    {
        "slug": "yulia-savchenko",
        "kind": "person",
        "name": "Yulia Savchenko",
        "role": "Kharkiv correspondent",
        "bio": (
            "Yulia Savchenko is based in Kharkiv and covers the north-east of Ukraine, from frontline communities to "
            "farming villages. She grew up in the region and studied journalism at Kharkiv University."
        ),
        "x_handle": "",
        "website": "",
    },
    {
        "slug": "iryna-bondarenko",
        "kind": "person",
        "name": "Iryna Bondarenko",
        "role": "Economics editor",
        "bio": (
            "Iryna Bondarenko leads our coverage of public finances, banking and trade. She spent ten years as a "
            "markets reporter before joining The Kyiv Ledger as one of its founding editors."
        ),
        "x_handle": "ibondarenko_econ",
        "website": "",
    },
    {
        "slug": "james-okafor",
        "kind": "person",
        "name": "James Okafor",
        "role": "Data editor",
        "bio": (
            "James Okafor builds our surveys, charts and data-driven investigations. He moved to Kyiv from London and "
            "has worked on data teams at newsrooms in Britain and Nigeria."
        ),
        "x_handle": "jokafor_data",
        "website": "https://jamesokafor.example",
    },
    {
        "slug": "daniel-whitford",
        "kind": "person",
        "name": "Daniel Whitford",
        "role": "Brussels correspondent",
        "bio": (
            "Daniel Whitford follows Ukraine’s relations with the European Union and NATO from Brussels. He has "
            "covered European institutions for more than a decade."
        ),
        "x_handle": "dwhitford_bxl",
        "website": "",
    },
    {
        "slug": "marta-nowak",
        "kind": "person",
        "name": "Marta Nowak",
        "role": "Regional correspondent, Warsaw",
        "bio": (
            "Marta Nowak reports on Ukraine’s neighbours, borders and trade routes from Warsaw. She writes in Polish, "
            "Ukrainian and English."
        ),
        "x_handle": "",
        "website": "",
    },
    {
        "slug": "sofiia-kovalchuk",
        "kind": "person",
        "name": "Sofiia Kovalchuk",
        "role": "Culture writer",
        "bio": (
            "Sofiia Kovalchuk writes about theatre, literature and film. She is a former dramaturg and still cannot "
            "resist a new play in an unusual venue."
        ),
        "x_handle": "sofiia_writes",
        "website": "",
    },
    {
        "slug": "hanna-tkachuk",
        "kind": "person",
        "name": "Hanna Tkachuk",
        "role": "Opinion columnist",
        "bio": (
            "Hanna Tkachuk writes a weekly column on reconstruction, local government and the regions. She spent eight "
            "years working in municipal administration before turning to journalism."
        ),
        "x_handle": "hannatkachuk",
        "website": "https://hannatkachuk.example",
    },
    {
        "slug": "eleanor-brightwell",
        "kind": "person",
        "name": "Eleanor Brightwell",
        "role": "Contributing columnist",
        "bio": (
            "Eleanor Brightwell is a London-based writer on European security and foreign policy. Her column for The "
            "Kyiv Ledger appears every other week."
        ),
        "x_handle": "",
        "website": "",
    },
    {
        "slug": "andriy-voloshyn",
        "kind": "person",
        "name": "Andriy Voloshyn",
        "role": "Photographer",
        "bio": (
            "Andriy Voloshyn is the staff photographer of The Kyiv Ledger. He has photographed the war’s effect on "
            "civilian life since 2014, with a particular interest in work and labour."
        ),
        "x_handle": "avoloshyn_photo",
        "website": "",
    },
]

ARTICLES = [
    {
        "slug": "kharkiv-power-restored-after-overnight-strikes",
        "section": "war",
        "title": "Power returns to most of Kharkiv after overnight strikes on energy sites",
        "standfirst": (
            "Repair crews restored electricity to about 80% of affected households by early afternoon, the grid "
            "operator said, but scheduled outages will continue through the week."
        ),
        "contributors": ["the-news-desk"],
        "hours_ago": 2,
        "updated_hours_after": 1,
        "corrections": [
            {
                "kind": "correction",
                "hours_after": 1,
                "text": (
                    "An earlier version of this story gave the wrong job for Serhii Danylenko. He is a spokesperson "
                    "for the Kharkiv grid operator, not its director."
                ),
            }
        ],
        "tags": ["Kharkiv", "Energy", "Air defence"],
        "lead_image": {
            "title": "Repair crew at a Kharkiv substation",
            "caption": (
                "Engineers from the city grid operator work on damaged equipment at a substation on the outskirts of "
                "Kharkiv."
            ),
            "credit": "Yulia Savchenko / The Kyiv Ledger",
            "alt": "Three engineers in orange helmets stand beside a large transformer at an electrical substation.",
        },
        "related": ["kyiv-courtyard-winter-plan", "cabinet-extends-heating-support-frontline-regions"],
        "body": [
            (
                "paragraph",
                (
                    "Electricity had been restored to about 80% of the Kharkiv households that lost power overnight, "
                    "the city’s grid operator said in an update at 1:39 PM, after a wave of drone and missile strikes "
                    "damaged energy facilities on the outskirts of the city."
                ),
            ),
            (
                "paragraph",
                (
                    "Air-raid alerts lasted for more than three hours across the region. Regional officials said two "
                    "substations and a heating plant had been hit. No injuries were reported."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Our crews went out as soon as the alert was lifted. Every substation we bring back means "
                        "another neighbourhood with heating and water pressure."
                    ),
                    "attribution": "Serhii Danylenko, spokesperson for the Kharkiv grid operator",
                },
            ),
            (
                "paragraph",
                (
                    "Hospitals and water pumping stations ran on backup generators during the night, and schools in "
                    "three districts moved lessons online for the day. The city opened heated support points in "
                    "libraries and administrative buildings, where residents can charge phones and get hot drinks."
                ),
            ),
            (
                "paragraph",
                (
                    "The operator said scheduled outages of up to four hours would remain in place until at least the "
                    "weekend, and asked residents to avoid running heavy appliances between 5 PM and 10 PM. Follow the "
                    'latest developments in our <a href="/war/">War section</a>.'
                ),
            ),
            (
                "paragraph",
                "<i>This story has been updated with the latest restoration figures from the grid operator.</i>",
            ),
        ],
    },
    {
        "slug": "combat-medics-training-dnipro",
        "section": "war",
        "title": "Near Dnipro, a volunteer school teaches soldiers the first ten minutes of medicine",
        "standfirst": (
            "A civilian-run course in a former furniture factory has trained more than 3,000 soldiers and rescuers in "
            "battlefield first aid. Its instructors say the hardest thing to teach is calm."
        ),
        "contributors": ["taras-hrytsenko", "andriy-voloshyn"],
        "hours_ago": 75,
        "updated_hours_after": None,
        "tags": ["Dnipro", "Military medicine", "Volunteers"],
        "lead_image": {
            "title": "Students practise at a tactical first-aid course near Dnipro",
            "caption": (
                "Students practise applying tourniquets on training mannequins during a timed drill at the "
                "volunteer-run course."
            ),
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": (
                "A row of students in camouflage kneel beside training mannequins on a concrete floor while an "
                "instructor holds a stopwatch."
            ),
        },
        "related": ["clearing-the-fields-demining-kharkiv-region"],
        "body": [
            (
                "paragraph",
                (
                    "The mannequins lie in rows on the concrete floor of what used to be a furniture factory on the "
                    "edge of Dnipro. Each is wired to a small speaker that plays recorded noise: engines, radio "
                    "chatter, a voice calling for help. Each is waiting for a student."
                ),
            ),
            (
                "paragraph",
                (
                    "For the past two years, this hangar has been home to a volunteer-run course in tactical first "
                    "aid, the set of skills soldiers need to keep an injured comrade alive until evacuation. According "
                    "to its organisers, more than 3,000 soldiers, border guards and emergency workers have completed "
                    "its five-day programme."
                ),
            ),
            (
                "paragraph",
                (
                    "“The first ten minutes decide a great deal,” said Oksana Reva, a former intensive-care nurse from "
                    "Zaporizhzhia who founded the course with two colleagues. “We cannot give people years of medical "
                    "school. We can give them a routine so well rehearsed that their hands remember it when their head "
                    "is full of noise.”"
                ),
            ),
            ("subheading", "Repetition over theory"),
            (
                "paragraph",
                (
                    "The curriculum follows the tactical combat casualty care guidelines used by NATO armies, adapted "
                    "by the instructors for Ukrainian conditions, e.g. longer evacuation times, when a casualty may "
                    "have to be cared for over hours rather than minutes before reaching a stabilisation point."
                ),
            ),
            (
                "paragraph",
                (
                    "Students spend less than a fifth of their time in the classroom. The rest is practice: applying "
                    "tourniquets against the clock, moving a casualty through a narrow mock-up of a trench, and "
                    "passing information over the radio in the standard format that field doctors expect to hear."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Most of the people who come here already know what a tourniquet is. What they don’t know is "
                        "how long 40 seconds feels when you are doing it in the dark, in gloves, with someone shouting "
                        "at you."
                    ),
                    "attribution": "An instructor with the call sign “Bard”, a sergeant who served as a company medic",
                },
            ),
            (
                "paragraph",
                (
                    "The instructors film every drill. On the final day, students watch footage of their first "
                    "attempts alongside their last ones. Several said that was the moment the course made sense to "
                    "them."
                ),
            ),
            ("subheading", "Kits, donors and gaps"),
            (
                "paragraph",
                (
                    "The school runs on donations, mainly from Ukrainian crowdfunding and a handful of diaspora groups "
                    "in Canada and the U.S. Each graduate leaves with an individual first-aid kit, which the "
                    "organisers assemble themselves for about €120 a set."
                ),
            ),
            (
                "paragraph",
                (
                    "Supply remains the biggest worry. Ms. Reva said counterfeit tourniquets, which look identical to "
                    "certified ones but can fail under tension, still turn up in donated batches, so the team now "
                    "tests every unit before it is packed. “We throw away perhaps one in twenty,” she said. “That is "
                    "money lost, but a broken tourniquet in the field is worse than none at all.”"
                ),
            ),
            (
                "paragraph",
                (
                    "The armed forces have steadily formalised medical training within units, and several brigades now "
                    "run their own courses. Brig. Gen. Anatolii Shevel, who oversees medical training for one of the "
                    "army’s operational commands, said volunteer schools had filled “an important gap” and that the "
                    "military was working to certify their instructors."
                ),
            ),
            (
                "paragraph",
                (
                    "The volunteers say they do not see themselves as a replacement. “We are a bridge,” Ms. Reva said. "
                    "“If one day nobody needs us, that will be a good day.”"
                ),
            ),
            (
                "paragraph",
                (
                    "As the afternoon session began, a new group of 24 students, among them a former schoolteacher, a "
                    "welder and two paramedics from the State Emergency Service, lined up beside the mannequins. An "
                    "instructor started a stopwatch, and the recorded noise filled the hall."
                ),
            ),
        ],
    },
    {
        "slug": "clearing-the-fields-demining-kharkiv-region",
        "section": "war",
        "title": "Clearing the fields: the slow work of giving the Kharkiv region’s farmland back to its farmers",
        "standfirst": (
            "Deminers, farmers and insurers are trying to return contaminated land to use. Progress is measured in "
            "metres a day, and in harvests that cannot wait."
        ),
        "contributors": ["yulia-savchenko", "andriy-voloshyn"],
        "hours_ago": 200,
        "updated_hours_after": None,
        "tags": ["Demining", "Agriculture", "Kharkiv"],
        "lead_image": {
            "title": "Deminers at work in a field in the Kharkiv region",
            "caption": (
                "A humanitarian demining team works in marked lanes at the edge of a sunflower field in the Kharkiv "
                "region."
            ),
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": (
                "Deminers in protective vests and visors kneel in a muddy field divided by red-and-white tape, with a "
                "tree line behind them."
            ),
        },
        "related": ["danube-ports-izmail-river-route", "combat-medics-training-dnipro"],
        "body": [
            (
                "paragraph",
                (
                    "The field outside the village begins where the asphalt ends. On a grey morning, a line of "
                    "red-and-white tape divides it in two: on one side, winter wheat sown last autumn; on the other, a "
                    "stretch of black earth that has not been ploughed for three years."
                ),
            ),
            (
                "paragraph",
                (
                    "Vitalii Moroz walks the edge of the tape with a tablet in one hand, checking a map of the plot "
                    "against the stakes his team hammered in the day before. He leads a humanitarian demining crew of "
                    "eleven people, and this field, 64 hectares of sunflower land in the Kharkiv region, is theirs "
                    "until it is declared clean."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "People ask me how long it will take. I can give them an honest answer in square metres, but "
                        "not in weeks. The ground decides."
                    ),
                    "attribution": "Vitalii Moroz, humanitarian demining team leader",
                },
            ),
            (
                "paragraph",
                (
                    "Ukraine is among the most heavily mine-contaminated countries in the world, according to "
                    "government estimates and international agencies, and much of the land suspected of contamination "
                    "is farmland. For a country whose exports depend heavily on grain and oilseeds, how quickly fields "
                    "can be returned to use is an economic question as well as a humanitarian one."
                ),
            ),
            ("subheading", "A field at a time"),
            (
                "paragraph",
                (
                    "The work starts long before anyone kneels in the soil. Surveyors interview residents, study "
                    "records of where fighting took place and map the spots where tractors have been damaged or "
                    "livestock lost. Much of the suspected land turns out to be clean; the purpose of the survey is to "
                    "shrink the area that needs full clearance, which is slow and expensive."
                ),
            ),
            (
                "paragraph",
                (
                    "On Mr. Moroz’s plot, the survey narrowed the problem to a band of about 12 hectares along a "
                    "former line of trenches and a tree line at the far end. The rest was released after technical "
                    "checks. “That is the best news we can give a farmer,” he said. “It means he can work most of his "
                    "land this season while we finish the rest.”"
                ),
            ),
            (
                "paragraph",
                (
                    "In the band itself, the team works in lanes about a metre and a half wide. Deminers move forward "
                    "on their knees with detectors, marking each signal, then carefully excavating. Most signals are "
                    "scrap: shell fragments, nails, pieces of old farm machinery. Each must be treated as dangerous "
                    "until it is proven otherwise."
                ),
            ),
            (
                "paragraph",
                (
                    "A good day, Mr. Moroz said, is a few hundred square metres per deminer. A bad day, with rain, "
                    "frozen ground or dense metal contamination, can be a fraction of that."
                ),
            ),
            ("subheading", "Machines, dogs and paperwork"),
            (
                "paragraph",
                (
                    "Technology has sped up parts of the process. Armoured clearance machines, some donated by "
                    "European governments and others built by Ukrainian manufacturers, can grind through vegetation "
                    "and topsoil ahead of the manual teams. Drones with cameras and thermal sensors help surveyors "
                    "spot items on the surface. Trained dogs, which detect explosives by scent, can check large areas "
                    "quickly once the machines have passed."
                ),
            ),
            (
                "paragraph",
                (
                    "The crew working outside the village received a new mid-sized machine this spring, bought through "
                    "a $4.5 million grant programme funded by several donors, including the EU and the U.S., and "
                    "administered by a Ukrainian non-profit. Its operator, a former combine driver named Roman Lytvyn, "
                    "sits in an armoured cab and steers with two joysticks."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I spent fifteen years harvesting these fields. Now I go first so that someone else can "
                        "harvest them. It is strange, but it feels like the same job."
                    ),
                    "attribution": "Roman Lytvyn, clearance machine operator",
                },
            ),
            (
                "paragraph",
                (
                    "Machines have limits, though. They struggle in forests, in wet ground and near buildings, and "
                    "some items must be found and removed by hand whatever the equipment. Every cleared field must "
                    "also be documented to national standards before it can be formally handed back, a step the teams "
                    "say can take weeks when offices are short-staffed."
                ),
            ),
            (
                "paragraph",
                (
                    "“People imagine the bottleneck is bravery,” said Olha Sydorenko, who manages quality control for "
                    "the non-profit. “Often it is paperwork, fuel and the number of trained supervisors. We can buy a "
                    "machine in six months. Training an experienced team leader takes much longer.”"
                ),
            ),
            ("subheading", "The farmers’ arithmetic"),
            (
                "paragraph",
                (
                    "For Liudmyla Kravchenko, who farms 400 hectares with her two sons a few kilometres from Mr. "
                    "Moroz’s plot, the clearance timetable is a business calculation as much as a safety one."
                ),
            ),
            (
                "paragraph",
                (
                    "Before the full-scale invasion, the family grew wheat, sunflower and some maize, selling most of "
                    "it through a trader in Kharkiv. Last year they planted about two-thirds of their land. The "
                    "remainder sat idle, waiting to be surveyed, while the repayments on a tractor bought in 2021 kept "
                    "falling due."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "I know people who took a chance and ploughed land that had not been checked. I understand "
                        "them, because the bank does not wait. But I have two sons. I would rather lose a season than "
                        "lose a son."
                    ),
                    "attribution": "Liudmyla Kravchenko, farmer",
                },
            ),
            (
                "paragraph",
                (
                    "Ms. Kravchenko said the family’s income had fallen by about 40% compared with the years before "
                    "the invasion, partly because of idle land and partly because of higher costs for fuel, fertiliser "
                    "and transport. Her share of the field now being cleared is due to be handed back before the "
                    "autumn sowing."
                ),
            ),
            (
                "paragraph",
                (
                    "Agricultural economists say small and medium-sized farms have been hit harder than large "
                    "agricultural holdings, which can spread risk across several regions and hire private operators to "
                    "clear their land first. For a family farm, a single contaminated field can be a large share of "
                    "the business."
                ),
            ),
            ("subheading", "Who pays"),
            (
                "paragraph",
                (
                    "The state has introduced a programme under which farmers can apply to have land cleared at public "
                    "expense by certified operators. Officials say the scheme prioritises land that matters most for "
                    "food production and for communities where people are returning home. Farmers in the area said the "
                    "application process was clear but the waiting list was long."
                ),
            ),
            (
                "paragraph",
                (
                    "Insurers are beginning to take an interest too. A handful of companies now offer policies "
                    "covering machinery and crops on land that has been formally cleared, and at least one is piloting "
                    "cover for farm workers. “Without a certificate, nobody will insure the field,” said Andrii "
                    "Pavlenko, an agronomist who advises farms in the district. “With one, you can go to a bank. That "
                    "piece of paper is worth more than people realise.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Donor money remains central. Several foreign governments have pledged multi-year funding for "
                    "equipment and training, and international organisations have helped Ukraine write its national "
                    "standards. Officials in Kyiv have said they want a growing share of the work done by Ukrainian "
                    "companies, so that the industry outlasts donor budget cycles."
                ),
            ),
            ("subheading", "What comes next"),
            (
                "paragraph",
                (
                    "By late afternoon the temperature had dropped and the light was going. The team logged the day’s "
                    "progress on the tablet: 1,140 square metres cleared, 37 signals investigated, two items found and "
                    "reported to the State Emergency Service for disposal. The rest was metal debris."
                ),
            ),
            (
                "paragraph",
                (
                    "At this pace, Mr. Moroz said, the field would be finished in about five weeks if the weather "
                    "held. Then his team would move to the next plot on the list, a pasture near a river, and to "
                    "another after that."
                ),
            ),
            (
                "paragraph",
                (
                    "Asked whether he thought about how long the whole task would take, he shrugged. “If I thought "
                    "about the whole country, I would not get out of the car in the morning,” he said. “I think about "
                    "this field. When it is finished, someone plants it. That is enough.”"
                ),
            ),
            (
                "paragraph",
                (
                    "As the crew packed up, a tractor was working the cleared part of the field on the other side of "
                    'the tape, turning the soil in long, straight lines. <a href="/business/">Read more of our '
                    "coverage of Ukraine’s farm economy</a>."
                ),
            ),
        ],
    },
    {
        "slug": "kyiv-courtyard-winter-plan",
        "section": "war",
        "title": "One Kyiv courtyard’s plan for winter: a generator, a rota and a shared kettle",
        "standfirst": (
            "With more power cuts expected, residents of a 1970s apartment block in Kyiv’s Obolon district have "
            "organised themselves. Their preparations show how the city is bracing for the cold."
        ),
        "contributors": ["olena-marchenko"],
        "hours_ago": 40,
        "updated_hours_after": None,
        "tags": ["Kyiv", "Energy", "Winter"],
        "lead_image": {
            "title": "Residents gather around a shared generator in an Obolon courtyard",
            "caption": (
                "Residents of building 14 check the fuel log beside the generator they bought together this autumn."
            ),
            "credit": "Olena Marchenko / The Kyiv Ledger",
            "alt": (
                "Two older women and a man stand beside a green generator under a metal shelter in a courtyard between "
                "apartment blocks."
            ),
        },
        "related": ["kharkiv-power-restored-after-overnight-strikes", "small-business-energy-survey"],
        "body": [
            (
                "paragraph",
                (
                    "The generator arrived on a flatbed truck in late September, and the residents of building 14 came "
                    "downstairs to watch it being unloaded as if it were a grand piano. It now sits in a fenced corner "
                    "of the courtyard, under a metal roof that two neighbours welded together over a weekend."
                ),
            ),
            (
                "paragraph",
                (
                    "The building, a nine-storey block from the 1970s in Kyiv’s Obolon district, has 144 flats and "
                    "roughly 300 residents. Last winter, during the longest outages, the lifts stopped, the pumps that "
                    "push water to the upper floors failed, and older residents living at the top were effectively "
                    "stranded for days."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "We decided we would not spend another winter waiting for someone to rescue us. The city does "
                        "a lot. But the city cannot carry my neighbour up nine floors."
                    ),
                    "attribution": "Halyna Pryimak, chair of the building’s residents’ association",
                },
            ),
            (
                "paragraph",
                (
                    "The residents’ association, which until then had mostly dealt with leaking roofs and parking "
                    "disputes, raised the money for the generator in six weeks. About half came from the residents "
                    "themselves, in contributions ranging from a few hundred hryvnias to several thousand. The rest "
                    "came from a city co-financing programme for apartment blocks and a donation from a bakery on the "
                    "ground floor."
                ),
            ),
            ("subheading", "Who does what"),
            (
                "paragraph",
                (
                    "The generator is wired to run the water pumps and one of the building’s two lifts, and to power a "
                    "socket strip in the entrance hall where residents can charge phones and power banks. A rota "
                    "pinned to the noticeboard lists who is responsible for starting it, refuelling it and keeping the "
                    "log. Fuel is bought collectively and stored in a locked shed."
                ),
            ),
            (
                "paragraph",
                (
                    "On the third floor, Borys Kuzmenko, a retired engineer, keeps a list of residents who need help: "
                    "people with limited mobility, families with infants, a man who relies on an oxygen concentrator "
                    "at home. During an outage, volunteers knock on each of those doors within an hour."
                ),
            ),
            (
                "paragraph",
                (
                    "“It is not complicated,” Mr. Kuzmenko said. “It is a spreadsheet and a telephone tree. The "
                    "difficult part was getting everyone to agree to it.”"
                ),
            ),
            ("subheading", "A city of small plans"),
            (
                "paragraph",
                (
                    "Kyiv’s authorities have encouraged exactly this kind of self-organisation. The city runs a "
                    "network of heated support points in schools and public buildings, and officials have repeatedly "
                    "urged residents’ associations to prepare backup plans for power, water and heating."
                ),
            ),
            (
                "paragraph",
                (
                    "Energy officials have warned that further attacks on the power system are likely during the cold "
                    "months and that scheduled outages may return at short notice. Grid operators publish outage "
                    "timetables by district, which many residents now check as routinely as the weather forecast."
                ),
            ),
            (
                "paragraph",
                (
                    "In building 14, the preparations have had an unexpected side effect. Neighbours who shared a "
                    "stairwell for decades without speaking now meet in the courtyard on rota days. Someone brought a "
                    "folding table; someone else brought an electric kettle that runs off the generator socket."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Before the war I knew the names of maybe five people in this building. Now I know who is "
                        "allergic to what, whose son is serving in the army and who makes the best pickled tomatoes."
                    ),
                    "attribution": "Iryna Loboda, resident",
                },
            ),
            (
                "paragraph",
                (
                    "Ms. Pryimak said the association’s next project is insulating the stairwell windows. A contractor "
                    "has quoted roughly $4,000 for the work. “We will find it,” she said. “We always do.”"
                ),
            ),
        ],
    },
    {
        "slug": "rada-passes-procurement-oversight-bill",
        "section": "politics",
        "title": "Parliament passes procurement oversight bill, clearing a key benchmark for EU and IMF support",
        "standfirst": (
            "The law gives anti-corruption investigators direct access to state purchasing data. Supporters call it "
            "overdue; critics say an exemption for defence contracts is too broad."
        ),
        "contributors": ["olena-marchenko", "daniel-whitford"],
        "hours_ago": 6,
        "updated_hours_after": 4,
        "tags": ["Verkhovna Rada", "Anti-corruption", "EU accession"],
        "lead_image": {
            "title": "Lawmakers vote in the Verkhovna Rada",
            "caption": "Members of parliament vote on the procurement oversight bill in the Verkhovna Rada in Kyiv.",
            "credit": "Olena Marchenko / The Kyiv Ledger",
            "alt": (
                "Rows of lawmakers seated in a large wood-panelled chamber, with an electronic voting board on the "
                "wall behind them."
            ),
        },
        "related": ["explainer-eu-accession-clusters", "imf-review-unlocks-disbursement"],
        "body": [
            (
                "paragraph",
                (
                    "Ukraine’s parliament has passed a bill giving anti-corruption investigators direct access to "
                    "state procurement databases, meeting a benchmark set by the country’s international backers ahead "
                    "of a Nov. 11 deadline."
                ),
            ),
            (
                "paragraph",
                (
                    "The bill was approved with 268 votes in the 450-seat Verkhovna Rada, comfortably above the 226 "
                    "required. Lawmakers from the ruling party were joined by most opposition factions; a smaller "
                    "number abstained or did not vote."
                ),
            ),
            (
                "paragraph",
                (
                    "Under the new law, investigators at the country’s anti-corruption agencies will be able to query "
                    "procurement records in real time, instead of submitting formal requests that could take weeks to "
                    "process. State-owned companies will also have to publish the names of the ultimate owners of "
                    "their suppliers."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "For years we have asked for the obvious: let investigators see the data the state already "
                        "has. Today the answer is finally yes, with conditions we will have to watch closely."
                    ),
                    "attribution": "Natalia Horbenko, opposition MP and member of the anti-corruption committee",
                },
            ),
            ("subheading", "Pressure from Brussels and Washington"),
            (
                "paragraph",
                (
                    "The measure was among the conditions attached to the next stage of Ukraine’s lending programme "
                    'with the <a href="/business/">IMF</a> and to a tranche of EU budget support. Diplomats had '
                    "signalled for weeks that a delay could hold up disbursements."
                ),
            ),
            (
                "paragraph",
                (
                    "An EU official in Brussels, who spoke on condition of anonymity because the assessment has not "
                    "been completed, said the European Commission would review the final text “carefully but quickly” "
                    "and that the vote would be reflected in its next report on Ukraine’s accession progress. The U.S. "
                    "embassy in Kyiv welcomed the vote in a brief statement."
                ),
            ),
            (
                "paragraph",
                (
                    "Government officials presented the law as evidence that reform continues in wartime. “Every "
                    "hryvnia the state spends must be traceable,” Ruslan Demchuk, a deputy economy minister, told "
                    "lawmakers before the vote."
                ),
            ),
            ("subheading", "The defence exemption"),
            (
                "paragraph",
                (
                    "Critics focused on an amendment adopted at second reading that keeps some defence procurement "
                    "outside the new system for security reasons. Anti-corruption groups said the carve-out was "
                    "broader than necessary and could cover purchases, e.g. food and fuel for the army, that have been "
                    "at the centre of past scandals."
                ),
            ),
            (
                "paragraph",
                (
                    "“Nobody is asking for the routes of weapons deliveries to be published,” said Kateryna Melnyk of "
                    "Open Procurement Watch, a Kyiv-based watchdog. “But socks and diesel are not state secrets.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Supporters of the amendment argued that the defence ministry already reports to a separate "
                    "oversight body and that publishing supplier details during the war could expose companies to "
                    "attack. The bill’s authors said they would consider narrowing the exemption in a follow-up law."
                ),
            ),
            (
                "paragraph",
                (
                    "The bill now goes to the president for signature and would take effect three months after "
                    "publication."
                ),
            ),
            (
                "paragraph",
                "<i>This article has been updated with comment from an EU official and the U.S. embassy.</i>",
            ),
        ],
    },
    {
        "slug": "explainer-eu-accession-clusters",
        "section": "politics",
        "title": "Explainer: what Ukraine must negotiate before it can join the EU",
        "standfirst": (
            "Membership talks are organised into six clusters and 33 chapters, and progress depends on reforms at home "
            "as much as on diplomacy in Brussels. Here is how the process works."
        ),
        "contributors": ["daniel-whitford"],
        "hours_ago": 170,
        "updated_hours_after": None,
        "tags": ["EU accession", "Explainer", "Brussels"],
        "lead_image": {
            "title": "Flags outside the European Commission in Brussels",
            "caption": "Ukrainian and EU flags outside the European Commission’s headquarters in Brussels.",
            "credit": "Daniel Whitford / The Kyiv Ledger",
            "alt": (
                "A blue and yellow Ukrainian flag and a blue EU flag with a circle of gold stars fly side by side in "
                "front of a glass office building."
            ),
        },
        "related": ["rada-passes-procurement-oversight-bill", "opinion-europe-support-is-a-choice"],
        "body": [
            (
                "paragraph",
                (
                    "When EU governments agree to open a new stage of Ukraine’s membership negotiations, the "
                    "announcements in Brussels tend to be short and technical. Behind them lies a process that can "
                    "take years, in which Kyiv’s domestic reforms matter as much as its diplomacy. Here is a guide."
                ),
            ),
            ("subheading", "How are the talks structured?"),
            (
                "paragraph",
                (
                    "The body of EU law, tens of thousands of pages of rules, standards and court judgments, is "
                    "divided into 33 negotiating chapters grouped into six thematic clusters. They range from the "
                    "judiciary and public procurement to agriculture, energy, transport and the environment. A "
                    "candidate must show that it has adopted the rules in each chapter and that it can enforce them."
                ),
            ),
            (
                "paragraph",
                (
                    "Under the method the EU adopted in 2020, the first cluster, known as the “fundamentals”, is "
                    "opened first and closed last. It covers the rule of law, fundamental rights, public "
                    "administration and economic criteria. In practice, this means progress on courts and "
                    "anti-corruption sets the pace for everything else."
                ),
            ),
            ("subheading", "Who decides?"),
            (
                "paragraph",
                (
                    "Every major step, from opening a cluster to signing the final accession treaty, requires the "
                    "unanimous agreement of all 27 member states. The European Commission assesses the candidate’s "
                    "progress and makes recommendations, but national governments have the final say, and a single "
                    "capital can slow the process down."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Enlargement is a technical process with a political veto at every door. Kyiv has to win the "
                        "argument on paper and in 27 capitals at the same time."
                    ),
                    "attribution": "A senior EU diplomat involved in the talks",
                },
            ),
            (
                "paragraph",
                (
                    "Once negotiations are complete, the accession treaty must be approved by the European Parliament "
                    "and ratified by every member state, in some cases by referendum."
                ),
            ),
            ("subheading", "What is hardest for Ukraine?"),
            (
                "paragraph",
                (
                    "Officials and analysts point to three areas. The first is the rule of law: the EU wants evidence "
                    "that judicial reform and anti-corruption institutions deliver verdicts, not just legislation. The "
                    "second is agriculture, where Ukraine’s large, export-oriented farm sector worries farmers in "
                    "neighbouring member states and raises questions about the EU’s farm budget. The third is the war "
                    "itself, which affects everything from border management to public finances."
                ),
            ),
            (
                "paragraph",
                (
                    "There are also areas where Ukraine is considered relatively advanced, e.g. digital public "
                    "services, customs cooperation and parts of energy policy. The country’s power grid has been "
                    "synchronised with the continental European network since 2022."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Ukraine does not need to persuade Brussels that it is European. It needs to prove that its "
                        "institutions work when nobody is watching."
                    ),
                    "attribution": "Tetiana Hnatiuk, analyst at a Kyiv-based European policy institute",
                },
            ),
            ("subheading", "How long will it take?"),
            (
                "paragraph",
                (
                    "Nobody in Brussels will commit to a date. Recent enlargements have taken roughly five to ten "
                    "years from the start of talks to accession, and some candidates have been negotiating for far "
                    "longer. Ukrainian officials have set ambitious internal targets, arguing that the country has "
                    "already brought a large share of its legislation into line with EU rules under its association "
                    "agreement."
                ),
            ),
            (
                "paragraph",
                (
                    "The next milestone is the Commission’s annual enlargement report, which grades each candidate "
                    "chapter by chapter. A meeting of EU ministers scheduled for Dec. 3 could then decide whether "
                    'further clusters are opened. <a href="/politics/">Follow our politics coverage</a> for updates.'
                ),
            ),
        ],
    },
    {
        "slug": "cabinet-extends-heating-support-frontline-regions",
        "section": "politics",
        "title": "Cabinet extends heating support for households in frontline regions through March",
        "standfirst": (
            "Families in communities near the front line will receive a one-off payment to help cover the cost of "
            "firewood, coal or electric heaters."
        ),
        "contributors": ["the-news-desk"],
        "hours_ago": 28,
        "updated_hours_after": None,
        "tags": ["Energy", "Social policy", "Winter"],
        "lead_image": {
            "title": "Firewood stacked outside a village house",
            "caption": "Firewood stacked for the winter outside a house in a village in the Sumy region.",
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": "A neat stack of split logs against the wall of a small whitewashed house with a blue wooden door.",
        },
        "related": ["kharkiv-power-restored-after-overnight-strikes"],
        "body": [
            (
                "paragraph",
                (
                    "The government has approved an extension of its winter heating support programme for households "
                    "in communities near the front line, with payments due to begin next month and run through March."
                ),
            ),
            (
                "paragraph",
                (
                    "Eligible households will receive a one-off payment of 6,500 hryvnias, or about $155, to spend on "
                    "firewood, coal or electric heating. Officials estimate that around 200,000 families will qualify, "
                    "most of them in the Kharkiv, Sumy, Chernihiv, Donetsk and Zaporizhzhia regions."
                ),
            ),
            (
                "paragraph",
                (
                    "Applications can be made online or at post offices, which will also deliver the money to remote "
                    "villages where banking services are limited. Gov. Ihor Stasiuk, who heads one of the northern "
                    "regional administrations, said local social workers would visit older residents to help them fill "
                    "in the forms."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "In many villages near the border there is no gas and no central heating. For an elderly "
                        "couple, firewood is the difference between a hard winter and an impossible one."
                    ),
                    "attribution": "Ihor Stasiuk, head of a northern regional administration",
                },
            ),
            (
                "paragraph",
                (
                    "The programme is expected to cost about $31 million and is partly financed by international "
                    "donors. Last winter about 12% of eligible families did not apply, according to officials."
                ),
            ),
        ],
    },
    {
        "slug": "imf-review-unlocks-disbursement",
        "section": "business",
        "title": "IMF staff sign off on review, unlocking about $900 million for Ukraine’s budget",
        "standfirst": (
            "The agreement keeps the lending programme on track, but the fund warned that Kyiv must raise more revenue "
            "at home as foreign aid becomes harder to secure."
        ),
        "contributors": ["iryna-bondarenko"],
        "hours_ago": 20,
        "updated_hours_after": 3,
        "tags": ["IMF", "Public finances", "Economy"],
        "lead_image": {
            "title": "The finance ministry building in Kyiv",
            "caption": (
                "The finance ministry in central Kyiv, where IMF staff held part of their talks with Ukrainian "
                "officials."
            ),
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": (
                "A grey stone government building with tall columns on a quiet street in Kyiv, photographed on an "
                "overcast day."
            ),
        },
        "related": ["rada-passes-procurement-oversight-bill", "central-bank-holds-key-rate"],
        "body": [
            (
                "paragraph",
                (
                    "Staff of the International Monetary Fund have reached agreement with Ukraine on the latest review "
                    "of its lending programme, a step that should unlock about $900 million once the fund’s executive "
                    "board approves it in the coming weeks."
                ),
            ),
            (
                "paragraph",
                (
                    "The mission’s statement, published at 11:15 AM Kyiv time after nearly two weeks of talks held "
                    "partly in Kyiv and partly online, said the economy had proved “remarkably resilient” but that "
                    "risks remained “exceptionally high.” It projected growth of between 2% and 3% this year and "
                    "inflation slowing to around 9% by the end of the year."
                ),
            ),
            ("subheading", "A widening gap"),
            (
                "paragraph",
                (
                    "The central issue in the talks was revenue. Ukraine spends most of its own tax income on defence "
                    "and relies on foreign partners to help pay for pensions, the salaries of teachers and doctors, "
                    "and other civilian spending. The IMF has pressed the government to raise more at home through "
                    "tighter tax administration, fewer exemptions and a crackdown on schemes used to avoid customs "
                    "duties."
                ),
            ),
            (
                "paragraph",
                (
                    "The government has committed to a package of measures that officials say will raise revenue by "
                    "roughly 1% of GDP next year, including changes to the taxation of online platforms and the end of "
                    "some preferential import regimes."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "There is no painless version of this. The question is whether the burden falls on the people "
                        "who already pay, or on the people who have so far found ways not to."
                    ),
                    "attribution": "Maksym Rudenko, chief economist at Left Bank Advisory, a Kyiv-based consultancy",
                },
            ),
            ("subheading", "What it means for households"),
            (
                "paragraph",
                (
                    "For most Ukrainians, the immediate impact will be indirect. The money will help the finance "
                    "ministry pay public-sector wages and pensions on time. But some of the revenue measures, e.g. "
                    "higher excise duties on fuel and tobacco, are likely to show up in prices."
                ),
            ),
            (
                "paragraph",
                (
                    "Small business groups have warned that changes to the simplified tax system used by many sole "
                    "traders could push some of them into the informal economy. In a statement issued after the "
                    "mission ended, the finance ministry said the most contentious proposals would be phased in "
                    "gradually and discussed with business associations first."
                ),
            ),
            (
                "paragraph",
                (
                    "The fund’s approval is also a signal to other lenders. Disbursements from the EU’s multi-year "
                    "support facility and from several bilateral donors are tied to Ukraine staying on track with the "
                    "IMF."
                ),
            ),
            (
                "paragraph",
                (
                    "“The IMF programme is the anchor,” Mr. Rudenko said. “It is not the biggest source of money, but "
                    "it is the stamp that tells everyone else the books are being kept properly.”"
                ),
            ),
            (
                "paragraph",
                (
                    "The board vote is expected before the end of the month. <i>This article has been updated with "
                    "comment from the finance ministry.</i>"
                ),
            ),
        ],
    },
    {
        "slug": "small-business-energy-survey",
        "section": "business",
        "title": "Generators, batteries and night shifts: how Ukraine’s small businesses are paying for power",
        "standfirst": (
            "A Kyiv Ledger survey of 600 small firms found that most have invested in backup power, and that energy is "
            "now the second-largest cost for many of them after wages."
        ),
        "contributors": ["iryna-bondarenko", "james-okafor"],
        "hours_ago": 150,
        "updated_hours_after": None,
        "tags": ["Small business", "Energy", "Data"],
        "lead_image": {
            "title": "A print shop in Chernihiv running on generator power",
            "caption": (
                "Vasyl Ostapenko in his print shop in Chernihiv, where a generator keeps two of four printers running "
                "during outages."
            ),
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": (
                "A middle-aged man in a grey sweater stands between large printers in a small workshop lit by a single "
                "lamp."
            ),
        },
        "related": ["kyiv-courtyard-winter-plan", "imf-review-unlocks-disbursement"],
        "body": [
            (
                "paragraph",
                (
                    "When the power goes out in Chernihiv, Vasyl Ostapenko’s print shop keeps running. A diesel "
                    "generator in the yard powers two of his four printers, and a bank of batteries bought on an "
                    "instalment plan last winter keeps the computers and the card terminal alive. What it costs him is "
                    "another matter."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "In a bad week I spend more on fuel than on paper. I have raised my prices twice. My customers "
                        "understand, but they have their own generators to pay for."
                    ),
                    "attribution": "Vasyl Ostapenko, owner of a print shop in Chernihiv",
                },
            ),
            (
                "paragraph",
                (
                    "Mr. Ostapenko is one of 600 owners and managers of small businesses who answered a survey carried "
                    "out for The Kyiv Ledger by a Kyiv-based research firm over the last two weeks of October. The "
                    "businesses, each with fewer than 50 employees, were drawn from retail, food service, "
                    "manufacturing and services in 14 regions. The results are not representative of all Ukrainian "
                    "small firms, but they offer a detailed picture of how owners are adapting."
                ),
            ),
            ("subheading", "What the survey found"),
            (
                "paragraph",
                (
                    "Some 61% of respondents said they had bought a generator, batteries or solar panels since the "
                    "start of the full-scale invasion. Among cafés and restaurants the figure rose to 78%. The most "
                    "common purchase was a petrol or diesel generator; about one business in five had installed solar "
                    "panels, most of them in the west of the country."
                ),
            ),
            (
                "paragraph",
                (
                    "Asked to rank their costs, 48% of owners placed energy, including grid electricity, fuel and "
                    "equipment, second after wages. For 12% it was the largest cost of all. The typical respondent "
                    "said energy costs had roughly doubled as a share of revenue compared with 2021."
                ),
            ),
            (
                "paragraph",
                (
                    "Many have rearranged their working hours around outage schedules. About a third said they had "
                    "moved some work to night shifts or weekends, when grid power tends to be more reliable."
                ),
            ),
            ("subheading", "Credit and cash"),
            (
                "paragraph",
                (
                    "Owners who invested in backup power mostly paid out of their own savings. Only 17% used a bank "
                    "loan, even though several state-backed programmes offer subsidised credit for energy equipment. "
                    "The most common reasons given were paperwork and collateral requirements."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "The programmes exist on paper, and for medium-sized companies they work well. For a café with "
                        "six employees, the bank wants guarantees that the owner simply doesn’t have."
                    ),
                    "attribution": "Svitlana Hordiienko, adviser at a regional entrepreneurs’ association",
                },
            ),
            (
                "paragraph",
                (
                    "In Lviv, Oleh Martyniuk, who runs a café near the old town, said he paid about €120 a month to "
                    "rent a generator before deciding to buy one outright. “Renting felt safer, because I did not know "
                    "how long this would last,” he said. “After the second winter I stopped pretending it would be "
                    "short.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Some owners see an opportunity in the crisis. A handful of respondents said they had started "
                    "selling or installing energy equipment alongside their main business, and several cafés said "
                    "customers now chose them specifically because they stay open during outages."
                ),
            ),
            ("subheading", "How we did this"),
            (
                "paragraph",
                (
                    "The survey was conducted online and by telephone among 600 owners and senior managers of "
                    "businesses with between 1 and 49 employees. Results were weighted by sector and region. The "
                    "margin of error for the full sample is about four percentage points. Read more in our <a "
                    'href="/business/">Business section</a>.'
                ),
            ),
        ],
    },
    {
        "slug": "danube-ports-izmail-river-route",
        "section": "business",
        "title": "The river route: how Ukraine’s Danube ports learned to trade under pressure",
        "standfirst": (
            "When the sea lanes closed, small river ports near the Romanian border became a lifeline for Ukrainian "
            "grain. Their workers, traders and neighbours are still working out what that means."
        ),
        "contributors": ["marta-nowak", "iryna-bondarenko"],
        "hours_ago": 290,
        "updated_hours_after": None,
        "tags": ["Trade", "Ports", "Agriculture", "Romania"],
        "lead_image": {
            "title": "Barges on the Danube at Izmail",
            "caption": (
                "A tug pushes a line of barges along the Danube past the port of Izmail, with the Romanian bank in the "
                "distance."
            ),
            "credit": "Marta Nowak / The Kyiv Ledger",
            "alt": "A wide river at dawn with a tug pushing several long flat barges past cranes on the near bank.",
        },
        "related": ["clearing-the-fields-demining-kharkiv-region", "imf-review-unlocks-disbursement"],
        "body": [
            (
                "paragraph",
                (
                    "At six in the morning, the only sound on the quay in Izmail is the low hum of a tug pushing a "
                    "line of empty barges upstream. By eight, the trucks have started to arrive: grain haulers from "
                    "the Odesa, Mykolaiv and Vinnytsia regions, queuing along the road to the port gate with their "
                    "engines off to save fuel."
                ),
            ),
            (
                "paragraph",
                (
                    "Dmytro Kostenko, a dispatcher who has worked at the port for 22 years, watches them from a window "
                    "on the second floor of the administration building. Before the full-scale invasion, he said, a "
                    "busy day meant a few dozen trucks. In the first summer of the war, it meant hundreds, and a queue "
                    "that stretched for kilometres out of town."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "We were a quiet river port. Suddenly we were on the front page of every business newspaper in "
                        "Europe. Nobody asked whether we were ready. We just had to be."
                    ),
                    "attribution": "Dmytro Kostenko, port dispatcher in Izmail",
                },
            ),
            ("subheading", "A small port, suddenly essential"),
            (
                "paragraph",
                (
                    "Ukraine’s Danube ports, chiefly Izmail, Reni and Ust-Dunaisk, sit on the northern bank of the "
                    "river where it forms the border with Romania, a short distance from the Black Sea. For decades "
                    "they handled a modest flow of metals, fertiliser and grain, much of it bound for river ports in "
                    "central Europe."
                ),
            ),
            (
                "paragraph",
                (
                    "When the war disrupted shipping from the deep-water ports around Odesa in 2022, exporters looked "
                    "for any route out. The Danube offered one. Cargo could be loaded onto barges or small sea-going "
                    "vessels, carried downstream and transferred to larger ships in the Romanian port of Constanța, or "
                    "taken directly through the river’s mouth into the Black Sea."
                ),
            ),
            (
                "paragraph",
                (
                    "The EU, through its Solidarity Lanes initiative, helped pay for equipment, customs staff and "
                    "border infrastructure to speed up the flow. Volumes through the Danube ports rose several times "
                    "over, and for months they were among the main channels for Ukraine’s agricultural exports."
                ),
            ),
            ("subheading", "Queues, channels and paperwork"),
            (
                "paragraph",
                (
                    "Capacity was never the only problem. The river’s navigable channels are narrow and need regular "
                    "dredging, and ships must wait their turn to pass. Ukrainian authorities deepened the Bystre "
                    "channel through the Danube delta on the Ukrainian side to ease the load on the Sulina channel in "
                    "Romania, which had become congested."
                ),
            ),
            (
                "paragraph",
                (
                    "On land, the challenge was trucks. Many of the roads leading to the ports were built for much "
                    "lighter traffic. Local authorities introduced an electronic queue, under which drivers book a "
                    "slot and wait in designated parking areas instead of on the roadside."
                ),
            ),
            (
                "paragraph",
                (
                    "“The electronic queue changed everything,” said Iryna Doroshenko, who manages logistics for a "
                    "mid-sized grain trader in Odesa. “Before, a driver might wait three days. Now, most of the time, "
                    "it is hours. The driver is happier, and I am not paying for a truck to stand still for three "
                    "days.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Traders say shipping through the Danube still costs more than through the deep-water ports, "
                    "because cargo often has to be handled twice, from truck to barge and then from barge to ship. "
                    "Depending on the route and the season, they estimate the extra cost at $10 to $20 a tonne."
                ),
            ),
            ("subheading", "Across the river"),
            (
                "paragraph",
                (
                    "The Romanian side has felt the change too. In Galați, a river port upstream from Izmail, freight "
                    "forwarders have taken on staff, and the port of Constanța has expanded its grain handling "
                    "capacity."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "We work with Ukrainian partners every day now. Five years ago I could count them on one hand. "
                        "The relationship started as an emergency. It has become normal business."
                    ),
                    "attribution": "Mihaela Ionescu, operations manager at a freight forwarding company in Galați",
                },
            ),
            (
                "paragraph",
                (
                    "The relationship has not always been smooth. In 2023, farmers in several EU countries "
                    "neighbouring Ukraine protested against what they called unfair competition from Ukrainian grain, "
                    "and some governments imposed temporary restrictions on imports. Traders in Izmail said the "
                    "disputes were a reminder that the route depends on political goodwill as much as on dredgers and "
                    "cranes."
                ),
            ),
            ("subheading", "Living next to a lifeline"),
            (
                "paragraph",
                (
                    "For Izmail itself, a town of around 70,000 people before the war, the port’s new importance "
                    "brought jobs, traffic and risk. Port facilities along the Danube were damaged in drone attacks in "
                    "2023, and air-raid alerts are a regular part of life. Warehouses have been repaired, and some "
                    "businesses have moved storage away from the riverbank."
                ),
            ),
            (
                "paragraph",
                (
                    "New businesses have grown up around the trade. Truck stops, tyre shops, cafés and small hotels "
                    "line the approach roads. Riverbank Terminals, a local company, invested €2.3 million last year in "
                    "a conveyor system that loads barges directly from trucks, cutting handling time by about a third, "
                    "according to its director."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Every hryvnia we invest here is a bet that the river will matter for a long time. I think it "
                        "is a good bet, but I would be lying if I said I sleep well before every shipment."
                    ),
                    "attribution": "Natalia Bilous, director of Riverbank Terminals",
                },
            ),
            (
                "paragraph",
                (
                    "Residents are more ambivalent. Anatolii Hrek, who has run a fish stall at the town market for "
                    "thirty years, said the trucks had made the roads worse and the prices higher, but that his son "
                    "had found a job as a crane operator. “So I complain,” he said, “and then I eat the dinner my son "
                    "paid for.”"
                ),
            ),
            ("subheading", "What happens when the sea reopens"),
            (
                "paragraph",
                (
                    "Since Ukraine opened its own shipping corridor from the Odesa ports in the second half of 2023, "
                    "much of the grain trade has returned to the deep-water terminals, where larger ships can load "
                    "directly. Volumes on the Danube have fallen from their peak, although they remain well above "
                    "pre-war levels."
                ),
            ),
            (
                "paragraph",
                (
                    "Port managers in Izmail argue that the river route should be treated as permanent infrastructure "
                    "rather than an emergency measure. They point to its links with central Europe, where barges can "
                    "travel upstream as far as Austria and Germany, and to cargo that suits river transport, e.g. "
                    "fertiliser, metals and building materials for reconstruction."
                ),
            ),
            (
                "paragraph",
                (
                    "Economists say that is plausible, but only with steady investment in dredging, rail links and "
                    "customs capacity, and a stable relationship with Romania and the EU. “The Danube route proved "
                    "that Ukraine can adapt quickly,” said Oleksandr Verbytskyi, a transport economist in Odesa. “The "
                    "next test is whether it can turn an improvisation into a system.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Back at the port, Mr. Kostenko checks the day’s schedule: eleven barges to load, two vessels "
                    "waiting downstream and a delegation of Austrian investors due at noon. He expects the visitors to "
                    "ask the question everyone asks: what happens to the river when the war ends."
                ),
            ),
            (
                "paragraph",
                (
                    "“I tell them the river was here before the war, and it will be here after,” he said. “The only "
                    "question is whether we are still using it.”"
                ),
            ),
        ],
    },
    {
        "slug": "central-bank-holds-key-rate",
        "section": "business",
        "title": "Central bank holds key rate at 15.5%, citing slowing inflation and a stable hryvnia",
        "standfirst": (
            "Policymakers said they expect to keep borrowing costs unchanged for several months and named "
            "energy-related price shocks as the main risk."
        ),
        "contributors": ["the-news-desk"],
        "hours_ago": 52,
        "updated_hours_after": None,
        "tags": ["Central bank", "Inflation", "Hryvnia"],
        "lead_image": {
            "title": "Hryvnia banknotes",
            "caption": "Hryvnia banknotes at a currency exchange counter in Kyiv.",
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": "A fan of Ukrainian hryvnia banknotes in several colours on a glass counter.",
        },
        "related": ["imf-review-unlocks-disbursement"],
        "body": [
            (
                "paragraph",
                (
                    "The National Bank of Ukraine left its key policy rate unchanged at 15.5% at its latest meeting, "
                    "saying inflation was slowing faster than expected but that risks from the war and the damaged "
                    "energy system remained high."
                ),
            ),
            (
                "paragraph",
                (
                    "Annual consumer price inflation eased to 11.9% last month from 12.6% a month earlier, according "
                    "to official data, helped by a good harvest and a stable exchange rate. The hryvnia has traded in "
                    "a narrow range against the dollar and the euro in recent weeks."
                ),
            ),
            (
                "paragraph",
                (
                    "In a statement published at 2 PM, the central bank said it expected to hold the rate at its "
                    "current level at least until the second quarter of next year, and that it could tighten policy "
                    "again if attacks on the energy system pushed up prices. It said continued international "
                    "financing, including from the IMF and the EU, remained essential to maintaining its foreign "
                    "currency reserves."
                ),
            ),
            (
                "paragraph",
                (
                    "Analysts had widely expected the decision, and several said the bank’s guidance made a rate cut "
                    'unlikely before spring. Read more in our <a href="/business/">Business section</a>.'
                ),
            ),
        ],
    },
    {
        "slug": "opinion-reconstruction-small-towns",
        "section": "opinion",
        "title": "Ukraine’s recovery will be won or lost in towns of 20,000 people",
        "standfirst": (
            "Reconstruction conferences talk about airports and power plants. The real test is whether a teacher, a "
            "nurse and a plumber decide to move back to a small town."
        ),
        "contributors": ["hanna-tkachuk"],
        "hours_ago": 96,
        "updated_hours_after": None,
        "tags": ["Reconstruction", "Local government", "Regions"],
        "lead_image": {
            "title": "The main square of a small town in the Chernihiv region",
            "caption": (
                "The main square of a small town in the Chernihiv region, where the school and the clinic have "
                "reopened."
            ),
            "credit": "Andriy Voloshyn / The Kyiv Ledger",
            "alt": (
                "A quiet town square with a repaired two-storey school building, a bus stop and a few people walking "
                "past bare trees."
            ),
        },
        "related": ["clearing-the-fields-demining-kharkiv-region", "opinion-europe-support-is-a-choice"],
        "body": [
            (
                "paragraph",
                (
                    "Every few months, a grand hotel in a European capital hosts another conference on the "
                    "reconstruction of Ukraine. The slides are impressive: new airports, modern power plants, "
                    "logistics hubs and the words “build back better” in three languages. I have sat through many of "
                    "these presentations, and I have noticed that one word almost never appears on the screen. The "
                    "word is “town”."
                ),
            ),
            (
                "paragraph",
                (
                    "Most Ukrainians do not live in the cities that appear in foreign headlines. Millions live in "
                    "district centres and small towns of 10,000 to 50,000 people, places with one hospital, two or "
                    "three schools, a bus station and a market. These are the towns that have lost the most people "
                    "since 2022, to the army, to the big cities and to other countries. They are also the places that "
                    "will decide whether Ukraine’s recovery is real or merely photographed."
                ),
            ),
            (
                "paragraph",
                (
                    "Last month I spent a week in one of them, a town of roughly 20,000 in the Chernihiv region. Its "
                    "school was repaired with donor money within a year. Its clinic reopened. The mayor, a former "
                    "headmistress, showed me both with pride. Then she showed me her staffing list. The school is "
                    "short of four teachers. The clinic has no paediatrician. The water utility has one qualified "
                    "engineer, who is 64."
                ),
            ),
            (
                "quote",
                {
                    "quote": "They gave me a beautiful building. Now I need someone to stand at the blackboard.",
                    "attribution": "The mayor of a town in the Chernihiv region",
                },
            ),
            ("subheading", "People, not just buildings"),
            (
                "paragraph",
                (
                    "This is the gap in how we talk about reconstruction. Concrete is easy to count, and donors like "
                    "to count things. People are harder. But a repaired school without teachers is a monument, not a "
                    "school, and no family with children will return to a town where the nearest paediatrician is an "
                    "hour’s drive away."
                ),
            ),
            ("paragraph", "If we are serious about recovery, three things need to change."),
            (
                "paragraph",
                (
                    "First, more money should go directly to municipalities, with clear rules and full transparency, "
                    "instead of passing through several layers of ministries and regional administrations. Ukraine "
                    "already has one of the most open public procurement systems in Europe. Local councils have shown "
                    "since the decentralisation reform of the last decade that they can manage budgets. We should "
                    "trust them with more, and publish every hryvnia they spend."
                ),
            ),
            (
                "paragraph",
                (
                    "Second, reconstruction budgets should pay for people as well as buildings: housing for "
                    "specialists who agree to work in small towns, salary supplements for doctors and engineers, and "
                    "training for local builders so that contracts do not automatically go to large firms from the "
                    "capital. A programme that offered, e.g., a rent-free flat and a modest monthly supplement to a "
                    "young doctor would cost less than the façade of a regional administration building."
                ),
            ),
            (
                "paragraph",
                (
                    "Third, donors and the government should measure success by who comes back, not by what gets "
                    "built. How many teachers, nurses and plumbers live in the town five years from now? How many "
                    "businesses are paying local taxes? Those numbers are less photogenic than a ribbon-cutting, but "
                    "they are the ones that matter."
                ),
            ),
            ("subheading", "A choice we can still make"),
            (
                "paragraph",
                (
                    "None of this is an argument against big infrastructure. Ukraine needs power plants and railways, "
                    "and it needs them quickly. But a country is not a collection of infrastructure projects. It is a "
                    "network of places where people decide to stay."
                ),
            ),
            (
                "paragraph",
                (
                    "The EU and other partners have rightly made reform a condition of support. They should add a "
                    "simple question to every reconstruction proposal that crosses their desks: who will live here, "
                    "and why would they choose to? If we cannot answer it, we are building for the photographs."
                ),
            ),
            (
                "paragraph",
                (
                    '<i>Hanna Tkachuk’s column appears every week in <a href="/opinion/">Opinion</a>. The views '
                    "expressed are her own.</i>"
                ),
            ),
        ],
    },
    {
        "slug": "opinion-europe-support-is-a-choice",
        "section": "opinion",
        "title": "Stop calling it fatigue. Europe’s support for Ukraine is a choice, and it can be made again",
        "standfirst": (
            "The language of exhaustion lets governments off the hook. Helping Ukraine is a budget line and a "
            "strategy, and both can be defended in public."
        ),
        "contributors": ["eleanor-brightwell"],
        "hours_ago": 230,
        "updated_hours_after": None,
        "tags": ["Europe", "Security", "NATO"],
        "lead_image": {
            "title": "A conference hall prepared for a meeting of European ministers",
            "caption": "Delegation name plates on the table before a meeting of European defence ministers.",
            "credit": "Daniel Whitford / The Kyiv Ledger",
            "alt": (
                "A long conference table with microphones, water glasses and white name cards in front of empty chairs."
            ),
        },
        "related": ["explainer-eu-accession-clusters", "opinion-reconstruction-small-towns"],
        "body": [
            (
                "paragraph",
                (
                    "Few phrases have done more quiet damage to European policy than “Ukraine fatigue”. It turns up in "
                    "headlines, in think-tank panels and in the off-the-record remarks of officials who would never "
                    "say in public that they want to do less. It sounds like a description. It is really an excuse."
                ),
            ),
            (
                "paragraph",
                (
                    "Fatigue is something that happens to you. It implies that support for Ukraine is a muscle that "
                    "tires naturally over time, and that no one is responsible when it gives out. But aid budgets, "
                    "weapons deliveries and sanctions packages are not muscles. They are decisions, taken by named "
                    "governments, voted on by parliaments and paid for out of budgets that are debated every year."
                ),
            ),
            ("subheading", "What the polls actually say"),
            (
                "paragraph",
                (
                    "Public opinion in most European countries has been more stable than the fatigue narrative "
                    "suggests. Support has softened in some places and hardened in others, and voters understandably "
                    "worry about prices and energy bills. But when people are asked whether Europe should help Ukraine "
                    "defend itself, majorities in most EU and NATO member states still say yes."
                ),
            ),
            (
                "paragraph",
                (
                    "What voters rarely hear is a clear explanation of why. Too often, leaders announce aid as "
                    "charity, as if Europe were donating to a distant cause. That framing invites exactly the question "
                    "it cannot answer: how long must we keep giving?"
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Support for Ukraine is not charity. It is the cheapest insurance policy Europe has ever been "
                        "offered."
                    ),
                    "attribution": "Eleanor Brightwell",
                },
            ),
            ("subheading", "Making the case in public"),
            (
                "paragraph",
                (
                    "A better case is not hard to make. The cost of helping Ukraine hold its ground is a small "
                    "fraction of what European countries would spend on their own defence if the war ended on terms "
                    "that rewarded aggression. A settlement imposed by force would not stay on Ukraine’s borders. It "
                    "would be studied by every government that has designs on a neighbour."
                ),
            ),
            (
                "paragraph",
                (
                    "Much of the money spent on military aid is spent at home, in European factories that employ "
                    "European workers. Reconstruction, when it comes, will be one of the largest investment programmes "
                    "on the continent. And the reforms Ukraine is making on the road to EU membership, e.g. in "
                    "procurement, courts and energy, are reforms that make it a more reliable partner and a larger "
                    "market."
                ),
            ),
            (
                "paragraph",
                (
                    "None of this means every request from Kyiv must be met, or that European taxpayers should not ask "
                    "hard questions about how money is spent. They should, and Ukrainian journalists and "
                    "anti-corruption bodies are asking those questions too. Scrutiny is a sign of a serious "
                    "partnership, not a tired one."
                ),
            ),
            ("subheading", "Choosing again"),
            (
                "paragraph",
                (
                    "The U.S. debate over aid has made European leadership more important, not less. Europe has the "
                    "industrial base and the financial capacity to sustain Ukraine if it chooses to. What it has "
                    "sometimes lacked is the willingness to say so plainly and to plan beyond the next summit."
                ),
            ),
            (
                "paragraph",
                (
                    "So let us retire the word fatigue. When a government reduces its support, it should say that it "
                    "has decided to do less, and explain why. When it maintains or increases support, it should "
                    "explain that too. Voters can handle an argument. What corrodes trust is the pretence that no one "
                    "is choosing at all."
                ),
            ),
            (
                "paragraph",
                (
                    "<i>Eleanor Brightwell is a contributing columnist for The Kyiv Ledger. The views expressed are "
                    "her own.</i>"
                ),
            ),
        ],
    },
    {
        "slug": "kyiv-basement-theatre-generator-hours",
        "section": "culture",
        "title": "In a Kyiv basement, a young theatre company stages the play everyone is talking about",
        "standfirst": (
            "“Generator Hours”, a dark comedy about three generations of one family sharing a single power bank, has "
            "sold out every performance since it opened. Its audience sits 60 at a time, below ground."
        ),
        "contributors": ["sofiia-kovalchuk"],
        "hours_ago": 120,
        "updated_hours_after": None,
        "tags": ["Theatre", "Kyiv", "Arts"],
        "lead_image": {
            "title": "Actors on stage at Pidval Theatre",
            "caption": (
                "Three actors rehearse a scene from “Generator Hours” at Pidval Theatre, a converted basement in "
                "central Kyiv."
            ),
            "credit": "Sofiia Kovalchuk / The Kyiv Ledger",
            "alt": (
                "Three actors sit around a kitchen table lit by a single lamp on a small stage with brick walls, "
                "watched by a seated audience."
            ),
        },
        "related": ["ukrainian-literature-translators-abroad", "black-sea-short-film-week-lineup"],
        "body": [
            (
                "paragraph",
                (
                    "The audience enters down a steep staircase, past a sign that reads “Shelter” in Ukrainian and "
                    "English. At the bottom is a brick-vaulted room with 60 folding chairs, a kitchen table and a "
                    "single lamp. When the lamp goes out, the play begins."
                ),
            ),
            (
                "paragraph",
                (
                    "“Generator Hours”, the second production by the young company Pidval Theatre (pidval is the "
                    "Ukrainian word for basement), has sold out every performance since it opened in September. "
                    "Tickets, at 400 hryvnias each, disappear within minutes of going on sale, and the company has "
                    "added matinées twice."
                ),
            ),
            (
                "paragraph",
                (
                    "The play follows a grandmother, her daughter and her teenage grandson through one long night of "
                    "power cuts in a Kyiv flat. They have one power bank between them, and the question of who gets to "
                    "charge their phone, and why, slowly turns into an argument about everything else: money, the war, "
                    "a father who is absent, and a country that has changed faster than any of them can describe."
                ),
            ),
            ("subheading", "Comedy as survival"),
            (
                "paragraph",
                (
                    "The writer, Marharyta Zinchenko, is 29 and wrote the first draft on her phone during outages last "
                    "winter. She insists the play is a comedy, and for long stretches it is very funny. The "
                    "grandmother’s running battle with a voice assistant that cannot understand her accent gets the "
                    "biggest laughs of the night."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "People told me nobody wants to see the blackout on stage, because they live it every day. But "
                        "that is exactly why it works. You laugh because you recognise your own kitchen, and then you "
                        "stop laughing because you recognise your own family."
                    ),
                    "attribution": "Marharyta Zinchenko, playwright",
                },
            ),
            (
                "paragraph",
                (
                    "The director, Artem Holub, keeps the staging spare. There is almost no set, and the only light "
                    "comes from the lamp, the actors’ phone screens and, in the final scene, a candle. The audience "
                    "sits close enough to touch the table."
                ),
            ),
            (
                "paragraph",
                (
                    "Vira Sokil, who plays the grandmother, is the only member of the cast over 30. She spent most of "
                    "her career in a state theatre in Zhytomyr and joined the company after moving to Kyiv. “In the "
                    "state theatre, I played queens,” she said. “Here I play a woman who hides the good biscuits from "
                    "her grandson. It is the best part I have had in twenty years.”"
                ),
            ),
            ("subheading", "When the sirens sound"),
            (
                "paragraph",
                (
                    "Because the venue is a certified shelter, performances continue during air-raid alerts, and the "
                    "company says the audience is informed when one begins. More than once, an actor has checked a "
                    "real phone notification on stage and carried on, the line between the play and the city outside "
                    "briefly disappearing."
                ),
            ),
            (
                "paragraph",
                (
                    "Pidval Theatre receives no state funding. It pays its rent through ticket sales and a small "
                    "monthly subscription from about 400 supporters, and its actors work other jobs during the day. "
                    "Mr. Holub said the company hoped to take the play on tour to Lviv and Dnipro in the spring, and "
                    "had received an invitation from a festival in Poland."
                ),
            ),
            (
                "paragraph",
                (
                    "On the night I attended, the audience stood for a long ovation, then filed back up the staircase "
                    "into a street where, as it happened, the power was out. Several people switched on their phone "
                    'torches and laughed. <a href="/culture/">More from Culture</a>.'
                ),
            ),
        ],
    },
    {
        "slug": "ukrainian-literature-translators-abroad",
        "section": "culture",
        "title": "Ukrainian novels are finding readers abroad. Translators say the hard part comes next",
        "standfirst": (
            "Interest from foreign publishers has grown sharply since 2022. But translators and agents warn that a "
            "wave of attention is not the same as a lasting place on the shelves."
        ),
        "contributors": ["sofiia-kovalchuk"],
        "hours_ago": 380,
        "updated_hours_after": None,
        "tags": ["Books", "Translation", "Lviv"],
        "lead_image": {
            "title": "Visitors at a book fair in Lviv",
            "caption": (
                "Visitors browse translated editions of Ukrainian novels at a publishers’ stand during a book fair in "
                "Lviv."
            ),
            "credit": "Sofiia Kovalchuk / The Kyiv Ledger",
            "alt": "People browse tables stacked with books in several languages in a crowded exhibition hall.",
        },
        "related": ["kyiv-basement-theatre-generator-hours"],
        "body": [
            (
                "paragraph",
                (
                    "Ten years ago, a Ukrainian novelist hoping to be published in German or English needed patience, "
                    "luck and usually a friend who happened to be a translator. Today, literary agents in Kyiv and "
                    "Lviv say their inboxes hold more requests from foreign publishers than they can answer."
                ),
            ),
            (
                "paragraph",
                (
                    "“Before 2022, I sold perhaps five translation rights a year,” said Yaryna Demydenko, who runs a "
                    "small literary agency in Lviv. “Last year it was more than forty, into fifteen languages. Some of "
                    "these deals would have been unthinkable before, e.g. a debut novel sold to a major Spanish "
                    "publisher on the strength of a sample chapter.”"
                ),
            ),
            (
                "paragraph",
                (
                    "State support has helped. Translation grants from Ukrainian cultural institutions and from "
                    "several European governments cover part of the cost for foreign publishers, who often say "
                    "translation is the single biggest expense of bringing a book from a smaller language to market."
                ),
            ),
            ("subheading", "A shortage of translators"),
            (
                "paragraph",
                (
                    "The boom has exposed a bottleneck. There are few experienced literary translators working "
                    "directly from Ukrainian into most European languages, and many books are still translated via "
                    "Russian or via English, which translators say flattens the original."
                ),
            ),
            (
                "quote",
                {
                    "quote": (
                        "Ukrainian has its own rhythm, its own jokes, its own way of being rude. If you translate it "
                        "through a third language, you lose the very thing that made the book worth translating."
                    ),
                    "attribution": "Rebecca Thorne, a translator from Ukrainian into English",
                },
            ),
            (
                "paragraph",
                (
                    "Ms. Thorne, who learned Ukrainian while teaching English in Chernihiv in the early 2010s, said "
                    "she now turns down more work than she accepts. Literary translation pays poorly: she estimates "
                    "that a novel earns her about €8,000 to €12,000 for six months of work, depending on the country "
                    "and the publisher. Several translators said that made it hard to attract young people to the "
                    "profession."
                ),
            ),
            (
                "paragraph",
                (
                    "Mentoring programmes have started to address the gap. A summer school in Lviv this year paired 20 "
                    "early-career translators with experienced colleagues, and several European literary centres now "
                    "offer residencies for translators working from Ukrainian."
                ),
            ),
            ("subheading", "From attention to readership"),
            (
                "paragraph",
                (
                    "The bigger question, agents say, is what happens after the first wave. Many of the books "
                    "published abroad since 2022 have been about the war, and many were bought partly as acts of "
                    "solidarity. Sales have been uneven: some titles have been reprinted several times, while others "
                    "sold a few hundred copies."
                ),
            ),
            (
                "paragraph",
                (
                    "“Solidarity opens the door, but it does not keep a book in print,” Ms. Demydenko said. “The test "
                    "is whether a reader in Madrid or Munich picks up a Ukrainian crime novel, or a family saga, or a "
                    "book of poems, because it is good, not because it is Ukrainian.”"
                ),
            ),
            (
                "paragraph",
                (
                    "Publishers are starting to broaden their lists, she said, with more genre fiction, children’s "
                    "books and classics that were never properly translated. A new German edition of a 1920s Ukrainian "
                    "modernist novel sold out its first print run in weeks this autumn."
                ),
            ),
            (
                "paragraph",
                (
                    "For writers, the change is personal. Several told The Kyiv Ledger that being read abroad had "
                    "altered how they write, although not always in ways they welcomed. “I catch myself explaining "
                    "things a Ukrainian reader would never need explained,” one Kharkiv novelist said. “Then I delete "
                    "them. My first reader is still at home.”"
                ),
            ),
        ],
    },
    {
        "slug": "black-sea-short-film-week-lineup",
        "section": "culture",
        "title": "Odesa short film week announces lineup, with documentaries dominating the programme",
        "standfirst": (
            "Forty-two films from Ukraine and abroad will be shown over five days, with all screenings held in venues "
            "that have shelters."
        ),
        "contributors": ["the-news-desk"],
        "hours_ago": 30,
        "updated_hours_after": 6,
        "tags": ["Film", "Odesa", "Festivals"],
        "lead_image": {
            "title": "An audience at an Odesa cinema",
            "caption": "An audience at a screening during last year’s Black Sea Short Film Week in Odesa.",
            "credit": "Sofiia Kovalchuk / The Kyiv Ledger",
            "alt": "Rows of people seen from behind in a darkened cinema, watching a bright screen.",
        },
        "related": ["kyiv-basement-theatre-generator-hours"],
        "body": [
            (
                "paragraph",
                (
                    "The Black Sea Short Film Week, an independent festival in Odesa, has announced a programme of 42 "
                    "films from 16 countries, more than half of them documentaries. Organisers said this year’s "
                    "submissions were the largest in the festival’s history."
                ),
            ),
            (
                "paragraph",
                (
                    "The opening film is “Night Shift at the Pumping Station”, a 19-minute documentary by a first-time "
                    "director from Mykolaiv about the workers who kept the city’s water supply running. The "
                    "competition also includes animated shorts from Georgia and Moldova and a Polish-Ukrainian "
                    "co-production filmed on both sides of the border."
                ),
            ),
            (
                "paragraph",
                (
                    "All screenings will take place in venues with shelters, and sessions interrupted by air-raid "
                    "alerts will resume once the alert ends. Day passes cost 350 hryvnias, and students and veterans "
                    "can attend free of charge."
                ),
            ),
            (
                "paragraph",
                (
                    "<i>Updated: the organisers have added two extra screenings of the opening film after the first "
                    "session sold out within an hour.</i>"
                ),
            ),
        ],
    },
]

EDITORS_PICKS = [
    "clearing-the-fields-demining-kharkiv-region",
    "danube-ports-izmail-river-route",
    "kyiv-basement-theatre-generator-hours",
    "opinion-reconstruction-small-towns",
    "combat-medics-training-dnipro",
]

LEAD_ARTICLE = "rada-passes-procurement-oversight-bill"

NEWS_FEED_ITEMS = [
    {
        "minutes_ago": 4,
        "headline": "Kharkiv grid operator: scheduled outages of up to four hours to continue through the weekend",
        "body": (
            "“Please plan for scheduled outages and avoid running heavy appliances between 5 PM and 10 PM,” the "
            "operator said in its latest update."
        ),
        "article": "kharkiv-power-restored-after-overnight-strikes",
        "pinned": False,
    },
    {
        "minutes_ago": 12,
        "headline": "Air-raid alert lifted in Kyiv after 40 minutes",
        "body": (
            "“The alert is over. Please keep following official warnings,” the city military administration said. No "
            "damage was reported in the capital."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 25,
        "headline": "President’s office says procurement oversight law will be signed “in the coming days”",
        "body": (
            "A spokesperson said the bill passed by parliament would be signed once the legal department had completed "
            "its review of the final text."
        ),
        "article": "rada-passes-procurement-oversight-bill",
        "pinned": False,
    },
    {
        "minutes_ago": 38,
        "headline": "Brussels calls Rada vote on procurement data “an important step”",
        "body": (
            "“This is an important step, and we will assess the final text carefully,” a European Commission "
            "spokesperson told reporters at the daily briefing."
        ),
        "article": "rada-passes-procurement-oversight-bill",
        "pinned": False,
    },
    {
        "minutes_ago": 55,
        "headline": "Hryvnia little changed in morning trading",
        "body": (
            "Dealers said demand for foreign currency was subdued after the central bank signalled it would keep its "
            "key rate on hold until at least the spring."
        ),
        "article": "central-bank-holds-key-rate",
        "pinned": False,
    },
    {
        "minutes_ago": 70,
        "headline": "Lviv trams running normally after overnight outage",
        "body": (
            "The city’s transport company said all routes had resumed by 7:30 AM. Trolleybus services on two lines "
            "remain reduced because of repairs to a traction substation."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 95,
        "headline": "Where to find heated support points in Kyiv and Kharkiv",
        "body": (
            "Both cities list the addresses of heated support points on their official apps and websites. Most are "
            "open around the clock during outages and offer power, water, internet and hot drinks."
        ),
        "article": "kyiv-courtyard-winter-plan",
        "pinned": True,
    },
    {
        "minutes_ago": 110,
        "headline": "Drones shot down over Chernihiv region overnight, regional administration says",
        "body": (
            "“Air defence was active in three districts. There were no casualties; a farm building was slightly "
            "damaged,” the regional administration said in its morning statement."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 140,
        "headline": "Odesa short film week adds extra screenings of its opening film",
        "body": (
            "Organisers said the first session sold out within an hour. Two additional screenings have been scheduled "
            "for the festival’s final weekend."
        ),
        "article": "black-sea-short-film-week-lineup",
        "pinned": False,
    },
    {
        "minutes_ago": 180,
        "headline": "Finance ministry expects IMF funds before the end of the month",
        "body": (
            "“We expect the board to consider the review in the coming weeks, and the funds will go directly to social "
            "spending,” a deputy finance minister told a briefing."
        ),
        "article": "imf-review-unlocks-disbursement",
        "pinned": False,
    },
    {
        "minutes_ago": 230,
        "headline": "Kyiv metro to run extended hours on days with scheduled outages",
        "body": (
            "The metro operator said trains would run until 1 AM on outage days so that residents can reach heated "
            "support points and return home safely."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 290,
        "headline": "Ledger survey: 61% of small firms have bought backup power since 2022",
        "body": (
            "Energy is now the second-largest cost after wages for 48% of the 600 businesses we surveyed. For 12% it "
            "is the largest of all."
        ),
        "article": "small-business-energy-survey",
        "pinned": False,
    },
    {
        "minutes_ago": 360,
        "headline": "Applications for winter heating payments open next week",
        "body": (
            "Households in frontline communities can apply online or at post offices. “Nobody should be left out "
            "because they cannot use a computer,” a social policy ministry official said."
        ),
        "article": "cabinet-extends-heating-support-frontline-regions",
        "pinned": False,
    },
    {
        "minutes_ago": 420,
        "headline": "Polish and Ukrainian officials agree extra lanes for empty trucks at two border crossings",
        "body": (
            "“We agreed on additional lanes for empty trucks at two crossings, starting next month,” a Ukrainian "
            "infrastructure ministry official said after the meeting in Warsaw."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 510,
        "headline": "Pidval Theatre announces an extra run of “Generator Hours”",
        "body": (
            "The company will add eight performances in December. Tickets go on sale online at noon tomorrow, and the "
            "theatre asked buyers to limit themselves to two each."
        ),
        "article": "kyiv-basement-theatre-generator-hours",
        "pinned": False,
    },
    {
        "minutes_ago": 600,
        "headline": "Danube shipping resumes at Izmail after fog delays",
        "body": (
            "Port officials said barge traffic had restarted after a six-hour pause caused by thick fog in the delta. "
            "About a dozen vessels were waiting to pass."
        ),
        "article": "danube-ports-izmail-river-route",
        "pinned": False,
    },
    {
        "minutes_ago": 780,
        "headline": "Deminers hand back 1,200 hectares of farmland in Kharkiv region this month",
        "body": (
            "“Every hectare returned is a hectare that can be sown in spring,” a regional official said. Farmers can "
            "check the status of their plots in a public online register."
        ),
        "article": "clearing-the-fields-demining-kharkiv-region",
        "pinned": False,
    },
    {
        "minutes_ago": 900,
        "headline": "First frosts expected in the north and east this weekend",
        "body": (
            "Forecasters said overnight temperatures could fall to minus 4 degrees Celsius in the Sumy and Chernihiv "
            "regions, with rain turning to sleet in Kharkiv."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 1100,
        "headline": "Volunteer first-aid course near Dnipro adds weekend sessions as applications rise",
        "body": (
            "“We never planned to become a school. We planned to run one course,” said its founder, Oksana Reva. The "
            "waiting list now has more than 300 names."
        ),
        "article": "combat-medics-training-dnipro",
        "pinned": False,
    },
    {
        "minutes_ago": 1400,
        "headline": "EU diplomats say next accession cluster could open at Dec. 3 meeting",
        "body": (
            "“There is a good chance, but it depends on the Commission’s assessment and on unanimity,” one diplomat "
            "said. Ministers are expected to discuss Ukraine and Moldova together."
        ),
        "article": "explainer-eu-accession-clusters",
        "pinned": False,
    },
    {
        "minutes_ago": 1800,
        "headline": "Lviv book fair reports record attendance by foreign publishers",
        "body": (
            "Organisers said publishers from 23 countries attended, up from 14 last year. Rights to several debut "
            "novels were sold during the fair."
        ),
        "article": "ukrainian-literature-translators-abroad",
        "pinned": False,
    },
    {
        "minutes_ago": 2200,
        "headline": "Correction: number of heating points in Kharkiv",
        "body": (
            "An earlier News Feed item said the city had opened 120 heated support points. The correct figure is 102. "
            "We regret the error."
        ),
        "article": None,
        "pinned": False,
    },
    {
        "minutes_ago": 2700,
        "headline": "Opinion: “Recovery will be won or lost in towns of 20,000 people”",
        "body": "“A repaired school without teachers is a monument, not a school,” writes our columnist Hanna Tkachuk.",
        "article": "opinion-reconstruction-small-towns",
        "pinned": False,
    },
    {
        "minutes_ago": 2950,
        "headline": "Kyiv city council approves funding to build shelters at 30 more schools",
        "body": (
            "The council said the shelters would be completed before the start of the next school year. Parents’ "
            "groups have long campaigned for in-person lessons to resume in all districts."
        ),
        "article": None,
        "pinned": False,
    },
]

NEWSLETTERS = [
    {
        "slug": "morning-briefing",
        "name": "Morning Briefing",
        "description": "The essential news from Ukraine and the region, read in five minutes before your first coffee.",
        "host": None,
        "cadence": "Daily",
        "sender_name": "The Kyiv Ledger",
        # It builds itself every morning from what the newsroom published, and waits for an editor's approval.
        "automatic": {
            "schedule": "daily",
            "auto_send": "hold",
            "approval_hours": 3,
            "recipe_limit": 6,
            "recipe_news_items": 3,
            "recipe_intro": "Good morning. Here is what matters on {{ date }}, and the latest from our news feed.",
        },
        "welcome_text": (
            "Thank you for signing up to Morning Briefing. Every morning at 7 AM Kyiv time, our news desk will send "
            "you the stories that matter most, what happened overnight and what to watch for during the day. If it "
            "ever lands in your spam folder, please mark it as safe so you don’t miss an edition."
        ),
    },
    {
        "slug": "the-week-explained",
        "name": "The Week Explained",
        "description": (
            "Every Saturday, Olena Marchenko takes one big question from the week’s news and answers it plainly, with "
            "help from our reporters and your questions."
        ),
        "host": "olena-marchenko",
        "cadence": "Weekly",
        "sender_name": "Olena Marchenko at The Kyiv Ledger",
        "welcome_text": (
            "Welcome to The Week Explained. I’m Olena, and every Saturday I’ll pick one question that readers keep "
            "asking, from how EU accession talks work to why your electricity bill changed, and answer it as clearly "
            "as I can. If there is something you would like explained, just reply to any edition. I read every message."
        ),
    },
    {
        "slug": "weekend-reads",
        "name": "Weekend Reads",
        "description": (
            "Our best long reads, columns and culture writing from the past week, collected for a slower Sunday."
        ),
        "host": None,
        "cadence": "Weekly",
        "sender_name": "The Kyiv Ledger",
        # Every Sunday morning, the week's columns and culture writing, held for an editor's approval.
        "automatic": {
            "schedule": "weekly",
            "schedule_days": "6",
            "schedule_time": time(9, 0),
            "auto_send": "hold",
            "approval_hours": 4,
            "recipe_limit": 6,
            "recipe_intro": "The week’s long reads, columns and culture writing, for a slower Sunday.",
        },
        "recipe_sections": ["opinion", "culture"],
        "welcome_text": (
            "Thanks for subscribing to Weekend Reads. Every Sunday morning we will send you a short selection of the "
            "week’s most rewarding stories: reportage from across the country, arguments from our columnists and "
            "recommendations from our culture desk. Settle in."
        ),
    },
]

# The demo desk's own respellings, for names Masthead's shipped pronunciations do not cover. Kyiv, Kharkiv,
# Lviv, Dnipro, Chernihiv and Zaporizhzhia are left to the voice: the intelligibility bench heard its own
# reading at least as well as any respelling of them (Keev came back as "Keith", Cher-NEE-heev as "Churnee HIV").
# Where a name starts with sounds the voice would spell out ("Hr", "Tk": "aitch", "tee"), the entry gives
# phonemes, and the respelling is there for the editor to read.
LEXICON = [
    {"term": "Izmail", "spoken": "Iz-mah-EEL"},
    {"term": "Verkhovna Rada", "spoken": "Ver-KHOV-nah RAH-dah"},
    {"term": "hryvnia", "spoken": "HRIVnyah"},
    {"term": "Marchenko", "spoken": "Mar-CHEN-ko"},
    {"term": "Hrytsenko", "spoken": "Hrih-TSEN-ko", "phonemes": "hɹɪtsˈɛŋkoʊ"},
    {"term": "Savchenko", "spoken": "Sav-CHEN-ko"},
    {"term": "Bondarenko", "spoken": "Bon-dah-REN-ko"},
    {"term": "Kovalchuk", "spoken": "Ko-val-CHOOK"},
    {"term": "Tkachuk", "spoken": "Tkah-CHOOK", "phonemes": "tkɑːtʃˈʊk"},
    {"term": "Voloshyn", "spoken": "Vo-LO-shin"},
]
