#!/usr/bin/env bash
# Copy GOV.UK Frontend from node_modules/ (the version locked in package.json / package-lock.json, installed
# by `npm ci`) into static/govuk/. Run by `make govuk-frontend`, which `make setup` runs.
#   scripts/vendor-govuk-frontend.sh [NODE_MODULES_DIR]
# We are not GOV.UK: the GDS Transport font, the crown and the GOV.UK name are not ours to use, so the
# font-face rules are removed and the type falls back to Arial, as GOV.UK advises other services to do.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
modules=${1:-$here/node_modules}
package="$modules/govuk-frontend"
[ -f "$package/package.json" ] || { echo "govuk-frontend is not in $modules: run npm ci" >&2; exit 1; }
dist="$package/dist/govuk"
out="$here/static/govuk"
mkdir -p "$out"
sed -E -e 's/@font-face\{[^}]*\}//g' -e 's/font-family:GDS Transport,/font-family:/g' \
  -e 's/font-family:GDS Transport([;}])/font-family:arial,sans-serif\1/g' -e 's#/\*\# sourceMappingURL=[^*]*\*/##' \
  "$dist/govuk-frontend.min.css" >"$out/govuk-frontend.min.css"
sed -e 's#//\# sourceMappingURL=.*##' "$dist/govuk-frontend.min.js" >"$out/govuk-frontend.min.js"
node -e 'console.log(require(process.argv[1]).version)' "$package/package.json" >"$out/VERSION"
cat >"$out/LICENSE.txt" <<'LICENCE'
GOV.UK Frontend (https://www.npmjs.com/package/govuk-frontend) is released under the MIT License.

The MIT License (MIT)
Copyright (C) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.

The GDS Transport font, the crown logo and the GOV.UK name are not included: they are reserved for GOV.UK.
LICENCE
echo "Copied govuk-frontend $(cat "$out/VERSION") into static/govuk/"
