"""no-native-video, RuleTester style."""
from ruletester import rule_tests

R = "no-native-video"

INVALID = [
    ('<video src="/ep/1.mp4" controls></video>', "a.html", [(1, 1)]),
    ("<div>\r\n  <VIDEO\r\n    autoplay muted>", "a.html", [(2, 3)]),
    ("<template>\n  <video v-if='ok' :src='src' />\n</template>", "a.vue", [(2, 3)]),
    ("const v = document.createElement('video');", "a.js", [(1, 11)]),
    ("el.innerHTML = `<video src=${src}></video>`;", "a.js", [(1, 16)]),
    ("const P = () => <video controls />;", "a.jsx", [(1, 17)]),
    ("<template><p/></template>\n<script setup lang='tsx'>\nconst A = () => <video />\n</script>",
     "a.vue", [(3, 17)]),
]

VALID = [
    ("<div class='video-card'><p>video</p></div>", "a.html"),
    ("<audio src=a.mp3></audio><img src=video.png>", "a.html"),
    ("<template><Video :src='s' /><VideoPlayer /></template>", "a.vue"),   # components
    ("const P = () => <Video src={s} />;", "a.jsx"),
    ("const player = TTMinis.getPlayer(); const video = 1;", "a.js"),
    ("el.innerHTML = '<p>a video</p>';", "a.js"),
]


test_invalid, test_valid = rule_tests(R, INVALID, VALID)


def test_is_a_warning():
    from ruletester import lint

    (f,) = lint("<video></video>", "a.html", select=[R])
    assert f.severity == "warning"
