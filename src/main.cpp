// biznesyordam: parse the command line and hand over to app/. Nothing else lives here.
#include "app/cli.hpp"

int main(int argc, char** argv) { return by::app::Main(argc, argv); }
