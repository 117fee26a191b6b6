#include "test_images.hpp"

#include <vips/vips8>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace by::media::testing {
namespace {

using vips::VImage;

void Init() {
    static std::once_flag once;
    std::call_once(once, [] {
        VIPS_INIT("media-test");
        vips_cache_set_max(0);
    });
}

std::string Hex(uint32_t c) {
    char b[8];
    std::snprintf(b, sizeof b, "#%06x", c & 0xFFFFFF);
    return b;
}

uint32_t Shade(uint32_t c, double f) {
    auto ch = [&](int s) {
        double v = double((c >> s) & 0xFF);
        v = f >= 0 ? v + (255 - v) * f : v * (1 + f);
        return uint32_t(std::max(0.0, std::min(255.0, v)));
    };
    return (ch(16) << 16) | (ch(8) << 8) | ch(0);
}

VImage Svg(const std::string& svg) {
    VipsBlob* blob = vips_blob_new(nullptr, svg.data(), svg.size());
    VImage img = VImage::svgload_buffer(blob).copy_memory();
    vips_area_unref(VIPS_AREA(blob));
    return img;
}

// The product as SVG on a transparent w×h canvas, centred, filling about 60% of the height.
std::string ProductSvg(int w, int h, int shape, uint32_t color) {
    std::string c = Hex(color), light = Hex(Shade(color, 0.45)), dark = Hex(Shade(color, -0.45));
    double s = h / 1200.0;
    auto n = [&](double v) { return std::to_string(int(v * s)); };
    std::string cx = std::to_string(w / 2);
    std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) + "\" height=\"" +
                      std::to_string(h) + "\">";
    out += "<defs><linearGradient id=\"g\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\"><stop offset=\"0\" stop-color=\"" +
           dark + "\"/><stop offset=\"0.35\" stop-color=\"" + light + "\"/><stop offset=\"0.6\" stop-color=\"" + c +
           "\"/><stop offset=\"1\" stop-color=\"" + dark +
           "\"/></linearGradient><filter id=\"b\" x=\"-50%\" y=\"-200%\" width=\"200%\" height=\"500%\"><feGaussianBlur stdDeviation=\"" + n(18) +
           "\"/></filter></defs>";
    // Soft contact shadow.
    out += "<ellipse cx=\"" + cx + "\" cy=\"" + std::to_string(h / 2 + int(360 * s)) + "\" rx=\"" + n(300) +
           "\" ry=\"" + n(40) + "\" fill=\"#000\" fill-opacity=\"0.25\" filter=\"url(#b)\"/>";
    int x0 = w / 2;
    int y0 = h / 2;
    if (shape == 0) {  // bottle with pump
        out += "<rect x=\"" + std::to_string(x0 - int(140 * s)) + "\" y=\"" + std::to_string(y0 - int(220 * s)) +
               "\" width=\"" + n(280) + "\" height=\"" + n(580) + "\" rx=\"" + n(60) + "\" fill=\"url(#g)\"/>";
        out += "<rect x=\"" + std::to_string(x0 - int(50 * s)) + "\" y=\"" + std::to_string(y0 - int(300 * s)) +
               "\" width=\"" + n(100) + "\" height=\"" + n(90) + "\" rx=\"" + n(12) + "\" fill=\"#e8e8ec\"/>";
        out += "<rect x=\"" + std::to_string(x0 - int(20 * s)) + "\" y=\"" + std::to_string(y0 - int(360 * s)) +
               "\" width=\"" + n(110) + "\" height=\"" + n(50) + "\" rx=\"" + n(10) + "\" fill=\"#d0d0d6\"/>";
        out += "<rect x=\"" + std::to_string(x0 - int(105 * s)) + "\" y=\"" + std::to_string(y0 - int(40 * s)) +
               "\" width=\"" + n(210) + "\" height=\"" + n(200) + "\" rx=\"" + n(14) +
               "\" fill=\"#ffffff\" fill-opacity=\"0.92\"/>";
        for (int i = 0; i < 3; ++i) {
            out += "<rect x=\"" + std::to_string(x0 - int(75 * s)) + "\" y=\"" +
                   std::to_string(y0 + int((10 + 50 * i) * s)) + "\" width=\"" + n(i ? 110 : 150) + "\" height=\"" +
                   n(i ? 14 : 24) + "\" rx=\"" + n(6) + "\" fill=\"" + dark + "\"/>";
        }
    } else if (shape == 1) {  // headphones
        out += "<path d=\"M " + std::to_string(x0 - int(250 * s)) + " " + std::to_string(y0 + int(60 * s)) +
               " C " + std::to_string(x0 - int(250 * s)) + " " + std::to_string(y0 - int(420 * s)) + " " +
               std::to_string(x0 + int(250 * s)) + " " + std::to_string(y0 - int(420 * s)) + " " +
               std::to_string(x0 + int(250 * s)) + " " + std::to_string(y0 + int(60 * s)) +
               "\" stroke=\"" + dark + "\" stroke-width=\"" + n(46) + "\" fill=\"none\" stroke-linecap=\"round\"/>";
        for (int side : {-1, 1}) {
            int ex = x0 + side * int(250 * s);
            out += "<rect x=\"" + std::to_string(ex - int(85 * s)) + "\" y=\"" + std::to_string(y0 - int(30 * s)) +
                   "\" width=\"" + n(170) + "\" height=\"" + n(300) + "\" rx=\"" + n(80) + "\" fill=\"url(#g)\"/>";
            out += "<rect x=\"" + std::to_string(ex - int(45 * s)) + "\" y=\"" + std::to_string(y0 + int(20 * s)) +
                   "\" width=\"" + n(90) + "\" height=\"" + n(200) + "\" rx=\"" + n(45) + "\" fill=\"" + dark +
                   "\" fill-opacity=\"0.5\"/>";
        }
    } else {  // box
        out += "<polygon points=\"" + std::to_string(x0 - int(300 * s)) + "," + std::to_string(y0 - int(150 * s)) +
               " " + std::to_string(x0 + int(100 * s)) + "," + std::to_string(y0 - int(150 * s)) + " " +
               std::to_string(x0 + int(100 * s)) + "," + std::to_string(y0 + int(330 * s)) + " " +
               std::to_string(x0 - int(300 * s)) + "," + std::to_string(y0 + int(330 * s)) + "\" fill=\"" + c +
               "\"/>";
        out += "<polygon points=\"" + std::to_string(x0 + int(100 * s)) + "," + std::to_string(y0 - int(150 * s)) +
               " " + std::to_string(x0 + int(300 * s)) + "," + std::to_string(y0 - int(260 * s)) + " " +
               std::to_string(x0 + int(300 * s)) + "," + std::to_string(y0 + int(220 * s)) + " " +
               std::to_string(x0 + int(100 * s)) + "," + std::to_string(y0 + int(330 * s)) + "\" fill=\"" + dark +
               "\"/>";
        out += "<polygon points=\"" + std::to_string(x0 - int(300 * s)) + "," + std::to_string(y0 - int(150 * s)) +
               " " + std::to_string(x0 - int(100 * s)) + "," + std::to_string(y0 - int(260 * s)) + " " +
               std::to_string(x0 + int(300 * s)) + "," + std::to_string(y0 - int(260 * s)) + " " +
               std::to_string(x0 + int(100 * s)) + "," + std::to_string(y0 - int(150 * s)) + "\" fill=\"" + light +
               "\"/>";
    }
    out += "</svg>";
    return out;
}

std::string Save(VImage img, const std::string& format, bool strip) {
    void* buf = nullptr;
    size_t len = 0;
    std::string opts = format;
    if (format == ".jpg") {
        opts += "[Q=90" + std::string(strip ? ",strip" : "") + "]";
    } else if (strip) {
        opts += "[strip]";
    }
    img.write_to_buffer(opts.c_str(), &buf, &len);
    std::string out(static_cast<char*>(buf), len);
    g_free(buf);
    return out;
}

const char kXmp[] =
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
    "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" dc:creator=\"seller-secret-name\"/>"
    "</rdf:RDF></x:xmpmeta>";

}  // namespace

std::string MakePhoto(const PhotoOptions& o) {
    Init();
    VImage product = Svg(ProductSvg(o.width, o.height, o.shape, o.product_color));
    VImage img;
    if (o.style == PhotoStyle::kTransparent) {
        img = product;
    } else {
        VImage bg;
        if (o.style == PhotoStyle::kStudio) {
            bg = VImage::black(o.width, o.height, VImage::option()->set("bands", 3)).new_from_image({252, 252, 252});
        } else {
            std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(o.width) +
                              "\" height=\"" + std::to_string(o.height) +
                              "\"><defs><radialGradient id=\"r\" cx=\"0.3\" cy=\"0.3\" r=\"0.9\"><stop offset=\"0\" "
                              "stop-color=\"#6b4f3a\"/><stop offset=\"1\" stop-color=\"#1d1a22\"/></radialGradient>"
                              "</defs><rect width=\"100%\" height=\"100%\" fill=\"url(#r)\"/></svg>";
            bg = Svg(svg).extract_band(0, VImage::option()->set("n", 3));
        }
        img = bg.composite2(product, VIPS_BLEND_MODE_OVER).extract_band(0, VImage::option()->set("n", 3));
        // Sensor-like noise so the JPEG behaves like a photo.
        VImage noise = VImage::gaussnoise(o.width, o.height, VImage::option()->set("sigma", o.style == PhotoStyle::kBusy ? 6.0 : 1.2));
        img = (img + (noise - 128)).cast(VIPS_FORMAT_UCHAR);
        img = img.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    }
    // Store rotated so that the EXIF orientation brings it back upright.
    if (o.orientation == 6) {
        img = img.rot(VIPS_ANGLE_D270);
    } else if (o.orientation == 8) {
        img = img.rot(VIPS_ANGLE_D90);
    } else if (o.orientation == 3) {
        img = img.rot(VIPS_ANGLE_D180);
    }
    img = img.copy();
    if (o.orientation != 1) {
        img.set(VIPS_META_ORIENTATION, o.orientation);
    }
    if (o.add_metadata) {
        img.set(VIPS_META_XMP_NAME, nullptr, const_cast<char*>(kXmp), sizeof kXmp - 1);
    }
    return Save(img, o.format, false);
}

std::string MakeOrientationProbe(int orientation) {
    Init();
    VImage img = VImage::black(800, 600, VImage::option()->set("bands", 3)).new_from_image({200, 200, 200});
    img = img.copy();
    img.draw_rect({230, 20, 20}, 0, 0, 120, 600, VImage::option()->set("fill", true));
    img = img.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    img.set(VIPS_META_ORIENTATION, orientation);
    return Save(img, ".jpg", false);
}

std::string MakeCmykJpeg(uint32_t srgb) {
    Init();
    VImage img = VImage::black(400, 400, VImage::option()->set("bands", 3))
                     .new_from_image({double((srgb >> 16) & 255), double((srgb >> 8) & 255), double(srgb & 255)})
                     .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    VImage cmyk = img.icc_transform("cmyk", VImage::option()->set("input_profile", "srgb"));
    return Save(cmyk, ".jpg", false);
}

SlideSpec SampleProduct(int index) {
    SlideSpec s;
    if (index == 0) {
        s.product_name = "Увлажняющий крем для лица Aqua Balance, 50 мл";
        s.product_name_uz = "Yuz uchun namlantiruvchi krem Aqua Balance, 50 ml";
        s.brand = "Nafis Cosmetics";
        s.brand_color = "#0F8B8D";
        s.photos.push_back(MakePhoto({1600, 1200, PhotoStyle::kStudio, ".jpg", 1, 0x4FB3BF, 0, true}));
        s.slides_ru = {
            {"Глубокое увлажнение на 24 часа", {"Гиалуроновая кислота и алоэ вера", "Для сухой и чувствительной кожи"}},
            {"Состав и характеристики",
             {"Объём: 50 мл", "Тип кожи: все типы", "Без парабенов и отдушек", "Страна производства: Узбекистан"}},
            {"Лёгкая текстура", {"Быстро впитывается и не оставляет липкости"}},
            {"Как применять", {"Утром и вечером на очищенную кожу", "Лёгкими движениями по массажным линиям"}},
        };
        s.slides_uz = {
            {"24 soat davomida chuqur namlantirish", {"Gialuron kislotasi va aloe vera", "Quruq va sezgir teri uchun"}},
            {"Tarkibi va xususiyatlari",
             {"Hajmi: 50 ml", "Teri turi: barcha turlar", "Parabensiz va xushbo\u02BBy moddalarsiz",
              "Ishlab chiqarilgan: O\u02BBzbekiston"}},
            {"Yengil tekstura", {"Tez so\u02BBriladi va yopishqoqlik qoldirmaydi"}},
            {"Qo\u02BBllash usuli", {"Ertalab va kechqurun toza teriga", "Massaj chiziqlari bo\u02BBylab yengil surting"}},
        };
    } else if (index == 1) {
        s.product_name = "Беспроводные наушники SoundMax Pro X2 с активным шумоподавлением";
        s.product_name_uz = "SoundMax Pro X2 simsiz quloqchinlari, faol shovqin bostirish bilan";
        s.brand = "SoundMax";
        s.brand_color = "#E4572E";
        s.photos.push_back(MakePhoto({1500, 1500, PhotoStyle::kBusy, ".jpg", 6, 0x3A3F4B, 1, true}));
        s.photos.push_back(MakePhoto({1200, 1600, PhotoStyle::kStudio, ".webp", 1, 0x3A3F4B, 1, false}));
        PhotoOptions logo_opts{600, 300, PhotoStyle::kTransparent, ".png", 1, 0xE4572E, 2, false};
        s.logo = MakePhoto(logo_opts);
        s.slides_ru = {
            {"До 40 часов музыки без подзарядки", {"Быстрая зарядка: 10 минут — 5 часов работы"}},
            {"Активное шумоподавление",
             {"Высокочувствительные микрофоны подавляют шум метро, самолёта и офиса",
              "Режим прозрачности: слышно собеседника, не снимая наушников"}},
            {"Технические характеристики",
             {"Bluetooth: 5.3", "Кодеки: AAC, SBC, LDAC", "Частотный диапазон: 20–20 000 Гц", "Вес: 250 г",
              "Электроакустические преобразователи: 40 мм", "Гарантия: 12 месяцев"}},
            {"Удобная посадка на весь день",
             {"Мягкие амбушюры с эффектом памяти", "Регулируемое оголовье"}},
            {"Звонки без помех и искажений даже на шумной улице в ветреную погоду", {}},
            {"В комплекте", {"Кабель USB-C", "Аудиокабель 3,5 мм", "Чехол для хранения"}},
        };
        s.slides_uz = {
            {"Quvvatlamasdan 40 soatgacha musiqa", {"Tez quvvatlash: 10 daqiqa — 5 soat ishlash"}},
            {"Faol shovqin bostirish",
             {"Sezgir mikrofonlar metro, samolyot va ofis shovqinini bostiradi",
              "Shaffoflik rejimi: quloqchinni yechmasdan suhbatdoshni eshitasiz"}},
            {"Texnik ma\u02BClumotlar",
             {"Bluetooth: 5.3", "Kodeklar: AAC, SBC, LDAC", "Chastota diapazoni: 20–20 000 Gs", "Og\u02BBirligi: 250 g",
              "Dinamiklar: 40 mm", "Kafolat: 12 oy"}},
            {"Kun bo\u02BByi qulay", {"Xotira effektli yumshoq yostiqchalar", "Sozlanadigan bosh tasmasi"}},
            {"Shamolli ko\u02BBchada ham shovqinsiz va aniq qo\u02BBng\u02BBiroqlar", {}},
            {"To\u02BBplamda", {"USB-C kabeli", "3,5 mm audio kabel", "Saqlash uchun g\u02BBilof"}},
        };
    } else {
        s.product_name = "Чай зелёный листовой «Самарканд», 100 г";
        s.product_name_uz = "«Samarqand» ko\u02BBk barg choyi, 100 g";
        s.brand = "Choyxona";
        s.brand_color = "#2E7D32";
        s.slides_ru = {
            {"Собран вручную в предгорьях", {"Только молодые листья и почки"}},
            {"Вкус и аромат", {"Мягкий вкус без горечи", "Лёгкие ореховые ноты"}},
            {"Характеристики", {"Вес: 100 г", "Вид: листовой", "Срок годности: 24 месяца"}},
            {"Как заваривать", {"Температура воды: 80 °C", "Время: 2–3 минуты"}},
        };
        s.slides_uz = {
            {"Tog\u02BB etaklarida qo\u02BBlda terilgan", {"Faqat yosh barglar va kurtaklar"}},
            {"Ta\u02BCmi va xushbo\u02BByligi", {"Achchiqliksiz yumshoq ta\u02BCm", "Yengil yong\u02BBoq notalari"}},
            {"Xususiyatlari", {"Og\u02BBirligi: 100 g", "Turi: barg choy", "Yaroqlilik muddati: 24 oy"}},
            {"Qanday damlash kerak", {"Suv harorati: 80 °C", "Vaqti: 2–3 daqiqa"}},
        };
    }
    return s;
}

Mean MeanColor(const Master& m, const Rect& r) {
    Mean out;
    double n = 0;
    for (int y = r.y; y < r.y + r.height; ++y) {
        for (int x = r.x; x < r.x + r.width; ++x) {
            const uint8_t* p = m.rgb->data() + (size_t(y) * m.width + x) * 3;
            out.r += p[0];
            out.g += p[1];
            out.b += p[2];
            n += 1;
        }
    }
    if (n > 0) {
        out.r /= n;
        out.g /= n;
        out.b /= n;
    }
    return out;
}

DecodedImage Decode(const std::string& bytes) {
    Init();
    VImage img = VImage::new_from_buffer(bytes.data(), bytes.size(), "");
    DecodedImage d;
    d.width = img.width();
    d.height = img.height();
    d.bands = img.bands();
    d.has_metadata = img.get_typeof(VIPS_META_EXIF_NAME) != 0 || img.get_typeof(VIPS_META_XMP_NAME) != 0 ||
                     img.get_typeof(VIPS_META_ICC_NAME) != 0 || img.get_typeof(VIPS_META_IPTC_NAME) != 0;
    d.interpretation = vips_enum_nick(VIPS_TYPE_INTERPRETATION, img.interpretation());
    return d;
}

std::filesystem::path OutputDir() {
    const char* env = std::getenv("BY_TEST_OUTPUT_DIR");
    std::filesystem::path dir = std::filesystem::path(env && *env ? env : "/tmp/by-test-output") / "media";
    std::filesystem::create_directories(dir);
    return dir;
}

std::filesystem::path WriteContactSheet(const std::vector<std::vector<Master>>& rows,
                                        const std::vector<std::string>& row_titles, const std::string& name) {
    Init();
    const int tw = 270, th = 360, gap = 16, title_h = 44, label_h = 30;
    size_t cols = 0;
    for (const auto& r : rows) {
        cols = std::max(cols, r.size());
    }
    int width = int(cols) * (tw + gap) + gap;
    int row_h = title_h + th + label_h + gap;
    int height = int(rows.size()) * row_h + gap;
    VImage sheet = VImage::black(width, height, VImage::option()->set("bands", 3))
                       .new_from_image({228, 230, 235})
                       .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))
                       .bandjoin_const({255});
    std::vector<VImage> layers = {sheet};
    std::vector<int> xs, ys;
    auto text = [&](const std::string& s, int x, int y, int w, int px, bool bold) {
        std::string markup;
        for (char c : s) {
            markup += c == '&' ? std::string("&amp;") : c == '<' ? std::string("&lt;") : std::string(1, c);
        }
        std::string font = std::string(bold ? "Noto Sans Bold " : "Noto Sans ") + std::to_string(px) + "px";
        VImage t = VImage::text(markup.c_str(), VImage::option()->set("font", font.c_str())->set("width", w)->set("dpi", 72));
        VImage ink = t.new_from_image({30, 30, 40}).cast(VIPS_FORMAT_UCHAR).bandjoin(t);
        layers.push_back(ink.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB)));
        xs.push_back(x);
        ys.push_back(y);
    };
    for (size_t r = 0; r < rows.size(); ++r) {
        int y0 = gap + int(r) * row_h;
        text(r < row_titles.size() ? row_titles[r] : "", gap, y0 + 8, width - 2 * gap, 24, true);
        for (size_t c = 0; c < rows[r].size(); ++c) {
            const Master& m = rows[r][c];
            VImage img = VImage::new_from_memory(const_cast<uint8_t*>(m.rgb->data()), m.rgb->size(), m.width,
                                                 m.height, 3, VIPS_FORMAT_UCHAR)
                             .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB))
                             .thumbnail_image(tw, VImage::option()->set("height", th))
                             .bandjoin_const({255});
            int x = gap + int(c) * (tw + gap);
            layers.push_back(img);
            xs.push_back(x);
            ys.push_back(y0 + title_h);
            std::string label = std::to_string(c + 1) + ". " + std::string(SlideKindName(m.kind)) +
                                (m.lang.empty() ? "" : " (" + m.lang + ")");
            text(label, x, y0 + title_h + th + 4, tw, 18, false);
        }
    }
    std::vector<int> modes(layers.size() - 1, VIPS_BLEND_MODE_OVER);
    VImage out = VImage::composite(layers, modes, VImage::option()->set("x", xs)->set("y", ys));
    std::filesystem::path path = OutputDir() / name;
    out.extract_band(0, VImage::option()->set("n", 3)).cast(VIPS_FORMAT_UCHAR).write_to_file(path.c_str());
    return path;
}

}  // namespace by::media::testing
