"""The incumbent: codat-bankfeeds 13.0.0 doing the benchmark's three calls, and raw urllib3 +
json doing the same requests, in one process. Prints medians in ms as JSON."""
import json
import statistics
import sys
import time

import urllib3
from codat_bankfeeds import CodatBankFeeds
from codat_bankfeeds.models import shared
from codat_bankfeeds.utils import RetryConfig

URL, N, WARMUP = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
AUTH = "Basic YmVuY2g="
COMPANY, CONNECTION, ACCOUNT = "0498e921-9b53-4396-a412-4f2f5983b0a2", "2e9d2c44-f675-40ba-8049-353bfcb5e171", "13d946f0-c5d5-42bc-b092-97ece17923ab"
TXNS = {
    "account_id": ACCOUNT,
    "transactions": [
        {
            "id": f"txn-{i}",
            "date": "2023-08-22T10:21:00",
            "description": f"Debit for Payment Id sdp-1-57379a43-c4b8-49f5-bd7c-{i:012d}",
            "counterparty": "ACME INC",
            "reference": f"ref-{i}",
            "reconciled": False,
            "amount": -(i + 0.99),
            "balance": 10000 - i,
            "transaction_type": "Debit",
        }
        for i in range(1000)
    ],
}
RAW_TXNS = json.dumps({"accountId": ACCOUNT, "transactions": [{("transactionType" if k == "transaction_type" else k): v for k, v in t.items()} for t in TXNS["transactions"]]})

sdk = CodatBankFeeds(security=shared.Security(auth_header=AUTH), server_url=URL, retry_config=RetryConfig("none", None, False))
http = urllib3.PoolManager()
H = {"authorization": AUTH, "accept": "application/json"}

calls = {
    "get": (
        lambda: sdk.companies.get(request={"company_id": COMPANY}),
        lambda: json.loads(http.request("GET", f"{URL}/companies/{COMPANY}", headers=H).data),
    ),
    "list": (
        lambda: sdk.companies.list(request={"page": 1, "page_size": 100}),
        lambda: json.loads(http.request("GET", f"{URL}/companies?page=1&pageSize=100", headers=H).data),
    ),
    "create": (
        lambda: sdk.transactions.create(request={"company_id": COMPANY, "connection_id": CONNECTION, "account_id": ACCOUNT, "create_bank_transactions": TXNS}),
        lambda: json.loads(http.request("POST", f"{URL}/companies/{COMPANY}/connections/{CONNECTION}/push/bankAccounts/{ACCOUNT}/bankTransactions", body=RAW_TXNS, headers={**H, "content-type": "application/json"}).data),
    ),
}

out = {}
for name, (client, raw) in calls.items():
    for _ in range(WARMUP):
        client()
        raw()
    c, r = [], []
    for _ in range(N):
        t = time.perf_counter()
        client()
        c.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        raw()
        r.append((time.perf_counter() - t) * 1000)
    out[name] = {"median": statistics.median(c), "raw": statistics.median(r)}
print(json.dumps(out))
