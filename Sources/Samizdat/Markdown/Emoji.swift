/// GitHub's emoji shortcodes (`:smile:`, `:exclamation:`), as Hugo's `enableEmoji` reads them.
///
/// A built-in table of the common ones; a code that is not in it stays as written, so a time
/// like `10:30:00` or a word between colons is never changed.
enum Emoji {
    /// `text` with each known `:code:` replaced by its emoji.
    static func replacingShortcodes(in text: String) -> String {
        guard text.contains(":") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: ":") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ":") else { break }
            let name = rest[afterOpen..<close]
            if let emoji = table[String(name)] {
                result += rest[..<open]
                result += emoji
                rest = rest[rest.index(after: close)...]
            } else {
                // The closing colon may open the next code (`a :x :smile:`).
                result += rest[..<close]
                rest = rest[close...]
            }
        }
        return result + rest
    }

    static let table: [String: String] = [
        "smile": "😄", "smiley": "😃", "grinning": "😀", "grin": "😁", "laughing": "😆", "satisfied": "😆", "joy": "😂",
        "rofl": "🤣", "sweat_smile": "😅", "wink": "😉", "blush": "😊", "innocent": "😇", "slightly_smiling_face": "🙂",
        "upside_down_face": "🙃", "heart_eyes": "😍", "kissing_heart": "😘", "yum": "😋", "stuck_out_tongue": "😛",
        "stuck_out_tongue_winking_eye": "😜", "sunglasses": "😎", "nerd_face": "🤓", "thinking": "🤔", "neutral_face": "😐",
        "expressionless": "😑", "no_mouth": "😶", "smirk": "😏", "unamused": "😒", "roll_eyes": "🙄", "grimacing": "😬",
        "relieved": "😌", "pensive": "😔", "sleepy": "😪", "sleeping": "😴", "mask": "😷", "dizzy_face": "😵",
        "exploding_head": "🤯", "cowboy_hat_face": "🤠", "partying_face": "🥳", "confused": "😕", "worried": "😟",
        "slightly_frowning_face": "🙁", "frowning_face": "☹️", "open_mouth": "😮", "astonished": "😲", "flushed": "😳",
        "pleading_face": "🥺", "cry": "😢", "sob": "😭", "scream": "😱", "confounded": "😖", "persevere": "😣",
        "disappointed": "😞", "sweat": "😓", "weary": "😩", "tired_face": "😫", "yawning_face": "🥱", "triumph": "😤",
        "rage": "😡", "angry": "😠", "skull": "💀", "poop": "💩", "hankey": "💩", "clown_face": "🤡", "ghost": "👻",
        "alien": "👽", "robot": "🤖", "smiley_cat": "😺", "see_no_evil": "🙈", "hear_no_evil": "🙉", "speak_no_evil": "🙊",
        "heart": "❤️", "orange_heart": "🧡", "yellow_heart": "💛", "green_heart": "💚", "blue_heart": "💙",
        "purple_heart": "💜", "black_heart": "🖤", "broken_heart": "💔", "sparkling_heart": "💖", "100": "💯",
        "boom": "💥", "collision": "💥", "dizzy": "💫", "wave": "👋", "ok_hand": "👌", "v": "✌️", "crossed_fingers": "🤞",
        "point_left": "👈", "point_right": "👉", "point_up": "☝️", "point_down": "👇", "+1": "👍", "thumbsup": "👍",
        "-1": "👎", "thumbsdown": "👎", "fist": "✊", "punch": "👊", "clap": "👏", "raised_hands": "🙌", "pray": "🙏",
        "handshake": "🤝", "muscle": "💪", "writing_hand": "✍️", "eyes": "👀", "eye": "👁️", "brain": "🧠",
        "baby": "👶", "man": "👨", "woman": "👩", "cat": "🐱", "dog": "🐶", "mouse": "🐭", "rabbit": "🐰", "fox_face": "🦊",
        "bear": "🐻", "panda_face": "🐼", "penguin": "🐧", "bird": "🐦", "unicorn": "🦄", "bee": "🐝", "bug": "🐛",
        "butterfly": "🦋", "snail": "🐌", "turtle": "🐢", "snake": "🐍", "octopus": "🐙", "whale": "🐳", "fish": "🐟",
        "crab": "🦀", "seedling": "🌱", "evergreen_tree": "🌲", "deciduous_tree": "🌳", "palm_tree": "🌴", "cactus": "🌵",
        "herb": "🌿", "four_leaf_clover": "🍀", "maple_leaf": "🍁", "fallen_leaf": "🍂", "mushroom": "🍄", "rose": "🌹",
        "sunflower": "🌻", "tulip": "🌷", "cherry_blossom": "🌸", "earth_africa": "🌍", "earth_americas": "🌎",
        "earth_asia": "🌏", "globe_with_meridians": "🌐", "new_moon": "🌑", "full_moon": "🌕", "crescent_moon": "🌙",
        "sunny": "☀️", "star": "⭐", "star2": "🌟", "sparkles": "✨", "cloud": "☁️", "partly_sunny": "⛅", "rainbow": "🌈",
        "umbrella": "☔", "zap": "⚡", "snowflake": "❄️", "snowman": "⛄", "fire": "🔥", "droplet": "💧", "ocean": "🌊",
        "apple": "🍎", "green_apple": "🍏", "lemon": "🍋", "banana": "🍌", "strawberry": "🍓", "cherries": "🍒",
        "peach": "🍑", "avocado": "🥑", "tomato": "🍅", "carrot": "🥕", "corn": "🌽", "bread": "🍞", "cheese": "🧀",
        "egg": "🥚", "bacon": "🥓", "hamburger": "🍔", "fries": "🍟", "pizza": "🍕", "hotdog": "🌭", "taco": "🌮",
        "burrito": "🌯", "sushi": "🍣", "ramen": "🍜", "spaghetti": "🍝", "cake": "🍰", "birthday": "🎂", "cookie": "🍪",
        "chocolate_bar": "🍫", "candy": "🍬", "doughnut": "🍩", "icecream": "🍦", "coffee": "☕", "tea": "🍵",
        "beer": "🍺", "beers": "🍻", "wine_glass": "🍷", "cocktail": "🍸", "champagne": "🍾", "soccer": "⚽",
        "basketball": "🏀", "football": "🏈", "tennis": "🎾", "trophy": "🏆", "medal_sports": "🏅", "video_game": "🎮",
        "dart": "🎯", "game_die": "🎲", "jigsaw": "🧩", "art": "🎨", "musical_note": "🎵", "notes": "🎶",
        "guitar": "🎸", "microphone": "🎤", "headphones": "🎧", "movie_camera": "🎥", "camera": "📷", "tv": "📺",
        "radio": "📻", "car": "🚗", "taxi": "🚕", "bus": "🚌", "bike": "🚲", "train": "🚆", "airplane": "✈️",
        "rocket": "🚀", "ship": "🚢", "anchor": "⚓", "construction": "🚧", "house": "🏠", "office": "🏢",
        "hospital": "🏥", "school": "🏫", "tent": "⛺", "mountain": "⛰️", "beach_umbrella": "🏖️", "watch": "⌚",
        "iphone": "📱", "computer": "💻", "keyboard": "⌨️", "desktop_computer": "🖥️", "printer": "🖨️", "floppy_disk": "💾",
        "cd": "💿", "dvd": "📀", "battery": "🔋", "electric_plug": "🔌", "bulb": "💡", "flashlight": "🔦",
        "candle": "🕯️", "moneybag": "💰", "dollar": "💵", "euro": "💶", "credit_card": "💳", "gem": "💎",
        "wrench": "🔧", "hammer": "🔨", "hammer_and_wrench": "🛠️", "gear": "⚙️", "link": "🔗", "lock": "🔒",
        "unlock": "🔓", "key": "🔑", "bell": "🔔", "no_bell": "🔕", "bookmark": "🔖", "book": "📖", "books": "📚",
        "newspaper": "📰", "memo": "📝", "pencil": "📝", "pencil2": "✏️", "pen": "🖊️", "paperclip": "📎",
        "pushpin": "📌", "round_pushpin": "📍", "scissors": "✂️", "calendar": "📆", "date": "📅", "clipboard": "📋",
        "chart_with_upwards_trend": "📈", "chart_with_downwards_trend": "📉", "bar_chart": "📊", "file_folder": "📁",
        "open_file_folder": "📂", "package": "📦", "email": "📧", "envelope": "✉️", "inbox_tray": "📥",
        "outbox_tray": "📤", "mailbox": "📫", "mag": "🔍", "mag_right": "🔎", "microscope": "🔬", "telescope": "🔭",
        "satellite": "📡", "syringe": "💉", "pill": "💊", "hourglass": "⌛", "alarm_clock": "⏰", "stopwatch": "⏱️",
        "gift": "🎁", "balloon": "🎈", "tada": "🎉", "confetti_ball": "🎊", "christmas_tree": "🎄", "jack_o_lantern": "🎃",
        "ribbon": "🎀", "crown": "👑", "tophat": "🎩", "eyeglasses": "👓", "necktie": "👔", "shirt": "👕", "jeans": "👖",
        "warning": "⚠️", "exclamation": "❗", "heavy_exclamation_mark": "❗", "grey_exclamation": "❕", "question": "❓",
        "grey_question": "❔", "bangbang": "‼️", "interrobang": "⁉️", "x": "❌", "heavy_check_mark": "✔️",
        "white_check_mark": "✅", "ballot_box_with_check": "☑️", "heavy_plus_sign": "➕", "heavy_minus_sign": "➖",
        "no_entry": "⛔", "no_entry_sign": "🚫", "stop_sign": "🛑", "recycle": "♻️", "infinity": "♾️",
        "information_source": "ℹ️", "new": "🆕", "free": "🆓", "up": "🆙", "cool": "🆒", "ok": "🆗", "sos": "🆘",
        "arrow_up": "⬆️", "arrow_down": "⬇️", "arrow_left": "⬅️", "arrow_right": "➡️", "arrows_counterclockwise": "🔄",
        "back": "🔙", "end": "🔚", "on": "🔛", "soon": "🔜", "top": "🔝", "copyright": "©️", "registered": "®️",
        "tm": "™️", "zzz": "💤", "speech_balloon": "💬", "thought_balloon": "💭", "loudspeaker": "📢", "mega": "📣",
        "red_circle": "🔴", "large_blue_circle": "🔵", "white_circle": "⚪", "black_circle": "⚫", "checkered_flag": "🏁",
        "triangular_flag_on_post": "🚩", "rainbow_flag": "🏳️‍🌈", "pirate_flag": "🏴‍☠️", "octocat": "🐙", "shipit": "🐿️",
    ]
}
