#include "queue/db/pg_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <chrono>

namespace by::queue {

PgListener::PgListener(std::string url, std::string channel, std::function<void()> on_notify)
    : url_(std::move(url)), channel_(std::move(channel)), on_notify_(std::move(on_notify)) {
    thread_ = std::thread([this] { Run(); });
}

PgListener::~PgListener() {
    stop_ = true;
    if (thread_.joinable()) {
        thread_.join();
    }
}

void PgListener::Run() {
    while (!stop_) {
        PGconn* conn = PQconnectdb(url_.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            PQfinish(conn);
            for (int i = 0; i < 10 && !stop_; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            continue;
        }
        char* ident = PQescapeIdentifier(conn, channel_.c_str(), channel_.size());
        std::string sql = std::string("LISTEN ") + (ident ? ident : "by_jobs");
        PQfreemem(ident);
        PGresult* res = PQexec(conn, sql.c_str());
        bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
        // Work may have arrived while we were not listening.
        on_notify_();
        while (ok && !stop_) {
            pollfd pfd{PQsocket(conn), POLLIN, 0};
            int rc = poll(&pfd, 1, 100);  // bounded so that stop_ is seen promptly
            if (rc < 0) {
                continue;
            }
            if (rc > 0 && PQconsumeInput(conn) == 0) {
                break;  // connection lost: reconnect
            }
            bool any = false;
            while (PGnotify* n = PQnotifies(conn)) {
                any = true;
                PQfreemem(n);
            }
            if (any) {
                on_notify_();
            }
        }
        PQfinish(conn);
    }
}

}  // namespace by::queue
