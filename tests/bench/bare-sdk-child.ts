// The floor any Lark bot in Node pays: the SDK's own EventDispatcher behind lark.adaptExpress, as in the
// SDK's README (express + JSON body parser), decrypting and checking the signature, with a handler that
// does nothing. A process of its own, like the bot. IPC: → {type:'ready', port}; ← {type:'counts'} →
// {type:'counts', handled}; ← {type:'stop'}.
import express from 'express'
import * as lark from '@larksuiteoapi/node-sdk'

let handled = 0
const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.BENCH_ENCRYPT_KEY,
  verificationToken: process.env.BENCH_VERIFICATION_TOKEN,
  loggerLevel: lark.LoggerLevel.error,
}).register({
  'im.message.receive_v1': async () => {
    handled++   // counted, so run.ts can check the SDK really reached the handler (signature accepted)
  },
})

const app = express()
app.disable('x-powered-by')
app.use(express.json())
app.post('/webhook/event', lark.adaptExpress(dispatcher, { autoChallenge: true }))

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send!({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('message', (m: { type: string }) => {
  if (m.type === 'counts') process.send!({ type: 'counts', handled })
  if (m.type === 'stop') process.exit(0)
})
process.on('disconnect', () => process.exit(0))
